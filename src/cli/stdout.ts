// A command's output on standard output. A reader that stops early (`| head`) closes the
// pipe, and the next write fails with EPIPE: nobody is left to read the rest, so it is
// dropped and the command still succeeds, as `cat file | head` does. Other write errors
// (a full disk behind a redirect) fail the command.

let listening = false;

function isClosedPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "EPIPE";
}

/** Writes to standard output; resolves once written, or at once when the reader has gone. */
export function writeStdout(data: string | Uint8Array): Promise<void> {
  const stdout = process.stdout;
  if (!listening) {
    // The stream also emits the write's error as an event; unheard, it would crash the
    // process with a stack trace. The write's callback below decides what it means.
    stdout.on("error", () => {});
    listening = true;
  }
  if (stdout.destroyed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    stdout.write(data, (error) => {
      if (!error || isClosedPipe(error)) resolve();
      else reject(new Error(`standard output: ${error.message}`));
    });
  });
}
