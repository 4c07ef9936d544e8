import { parseLsn, ReplicaLag } from './replica-lag';

describe('ReplicaLag', () => {
  it('should order WAL positions like PostgreSQL', () => {
    expect(parseLsn('0/3016D70')).toBe(0x3016d70n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });

  it('should be 0 when the replica has replayed the latest sample, however long the primary stayed idle', () => {
    const lag = new ReplicaLag();
    lag.primaryAt(0, '0/100');
    expect(lag.replayedAt(10, '0/100')).toBe(0);
    lag.primaryAt(60_000, '0/100');
    expect(lag.replayedAt(60_010, '0/100')).toBe(0);
  });

  it('should count from the first sample the replica still owes, and drop what it has replayed', () => {
    const lag = new ReplicaLag();
    lag.primaryAt(1000, '0/100');
    lag.primaryAt(2000, '0/200');
    lag.primaryAt(3000, '0/300');
    expect(lag.replayedAt(3500, '0/50')).toBe(2500);
    expect(lag.replayedAt(4000, '0/200')).toBe(1000);
    expect(lag.replayedAt(4500, '0/300')).toBe(0);
  });

  it('should keep growing for a replica that stopped replaying, with bounded memory', () => {
    const lag = new ReplicaLag();
    for (let s = 0; s < 5000; s++) lag.primaryAt(s * 1000, `0/${(s + 1).toString(16)}`);
    expect(lag.replayedAt(5_000_000, '0/0')).toBe(5_000_000);
    expect(lag.replayedAt(5_000_000, '0/1387')).toBe(1000);
    expect(lag.replayedAt(5_000_000, '0/1388')).toBe(0);
  });
});
