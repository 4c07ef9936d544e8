#!/bin/sh
# Run once by the postgres image on a fresh data volume: the login role the service connects as. The service's
# migration step (as the owner, POSTGRES_USER) grants it what it may do: no UPDATE, DELETE or TRUNCATE on audit_log.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v app_password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE factcheck_app LOGIN PASSWORD :'app_password';
SQL
