import { IsInt, IsString, MinLength, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

class Base {
  @IsString()
  name!: string;
}

class Derived extends Base {
  @IsInt()
  count!: number;
}

const problems = (value: object): string[] => validateSync(value).map((error) => error.property).sort();

describe('cacheValidationMetadata', () => {
  beforeAll(() => {
    cacheValidationMetadata();
    cacheValidationMetadata(); // installing twice is harmless
  });

  it('validates exactly as before, inherited rules included, however often it is asked', () => {
    const bad = Object.assign(new Derived(), { name: 1, count: 'x' });
    expect(problems(bad)).toEqual(['count', 'name']);
    expect(problems(bad)).toEqual(['count', 'name']);
    expect(problems(Object.assign(new Derived(), { name: 'a', count: 2 }))).toEqual([]);
    expect(problems(Object.assign(new Base(), { name: 2 }))).toEqual(['name']);
  });

  it('forgets what it kept when a rule is added later', () => {
    const value = Object.assign(new Derived(), { name: 'a', count: 2 });
    expect(problems(value)).toEqual([]);
    MinLength(3)(Base.prototype, 'name');
    expect(problems(value)).toEqual(['name']);
  });
});
