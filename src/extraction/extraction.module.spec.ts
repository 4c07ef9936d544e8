import { Test } from '@nestjs/testing';
import { AppConfigModule } from '../config/config.module';
import { ClaimExtractor } from './claim-extractor';
import { ExtractionModule } from './extraction.module';

describe('ExtractionModule', () => {
  const saved = process.env.EXTRACTION_THRESHOLD;
  afterEach(() => {
    if (saved === undefined) delete process.env.EXTRACTION_THRESHOLD;
    else process.env.EXTRACTION_THRESHOLD = saved;
  });

  it('should provide a ClaimExtractor that honours EXTRACTION_THRESHOLD', async () => {
    process.env.EXTRACTION_THRESHOLD = '0.999999';
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ExtractionModule] }).compile();
    const sut = moduleRef.get(ClaimExtractor);
    const [s] = sut.extract('Officials said the strike killed 12 people in Kharkiv on Monday.');
    expect(s.score).toBeGreaterThan(0.5);
    expect(s.isClaim).toBe(false);
  });
});
