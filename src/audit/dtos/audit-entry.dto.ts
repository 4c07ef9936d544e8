import { ApiProperty } from '@nestjs/swagger';

export class AuditEntryDto {
  @ApiProperty({ description: 'Monotonic id (bigint as string)' }) id: string;
  @ApiProperty() at: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ example: 'claim.consensus' }) action: string;
  @ApiProperty({ example: 'claim' }) entity: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: Object }) before: unknown;
  @ApiProperty({ nullable: true, type: Object }) after: unknown;
}

/** An entry of the admins' log, with who acted in words (the claim history editors read keeps only the id). */
export class AuditLogEntryDto extends AuditEntryDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The actor's display name (null: the system or an operator)",
  })
  actorName: string | null;
  @ApiProperty({ nullable: true, type: String }) actorEmail: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The account's display name when the subject is a user (null: another subject, or no such account)",
  })
  subjectName: string | null;
}
