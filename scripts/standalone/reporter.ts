/** PASS/FAIL lines and the closing count. A failed check does not stop the run unless it is marked fatal. */
export class Reporter {
  passed = 0;
  failed = 0;
  skipped = 0;

  pass(name: string, detail?: string): void {
    this.passed += 1;
    console.log(`PASS  ${name}${detail ? ` (${detail})` : ""}`);
  }

  fail(name: string, detail: string): void {
    this.failed += 1;
    console.log(`FAIL  ${name}\n        ${detail.replaceAll("\n", "\n        ")}`);
  }

  skip(name: string, reason: string): void {
    this.skipped += 1;
    console.log(`SKIP  ${name}: ${reason}`);
  }

  info(text: string): void {
    console.log(`      ${text}`);
  }

  /** Runs one check; an exception is its failure. Returns the check's value, or undefined when it failed. */
  async check<T>(name: string, run: () => Promise<T> | T, describe?: (value: T) => string): Promise<T | undefined> {
    try {
      const value = await run();
      this.pass(name, describe?.(value));
      return value;
    } catch (error) {
      this.fail(name, error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  summary(label: string): string {
    const skipped = this.skipped ? `, ${this.skipped} skipped` : "";
    return `${label}: ${this.passed} passed, ${this.failed} failed${skipped}`;
  }
}
