import { Writable } from "node:stream";
import { createLogger, setLoggerForTests } from "@/lib/log/logger";

/**
 * Sends the app's log lines, with its own configuration (level from LOG_LEVEL, redaction, masking, the error
 * serializer), into `lines` (a new array, or the one given) until `stop` puts the usual logger back.
 */
export function captureLogs(lines: string[] = []): { lines: string[]; stop: () => void } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  setLoggerForTests(createLogger(stream));
  return { lines, stop: () => setLoggerForTests(undefined) };
}
