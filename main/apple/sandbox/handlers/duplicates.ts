export function hasDuplicates(values: string[]): boolean {
  return new Set(values).size !== values.length;
}
