import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, domainOutward, files, graph, SRC } from '../scripts/check-imports';

describe('architecture of src/', () => {
  it('finds the modules and their imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(graph.get(path.join(SRC, 'main.ts'))!.length).toBeGreaterThan(0);
  });

  it('has no import cycle among its modules', () => {
    expect(cycles()).toEqual([]);
  });

  it('keeps the domain pure: src/domain imports no storage, repositories, HTTP, services or CLI', () => {
    const outward = domainOutward();
    expect(outward).toEqual([]);
  });
});
