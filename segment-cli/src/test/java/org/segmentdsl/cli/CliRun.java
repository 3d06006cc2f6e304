package org.segmentdsl.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the command line, in process: its exit status and what it printed. */
record CliRun(int status, String out, String err) {
  static CliRun of(String... args) {
    return withInput(InputStream.nullInputStream(), args);
  }

  /** A run that reads {@code input} as its standard input. */
  static CliRun withInput(byte[] input, String... args) {
    return withInput(new ByteArrayInputStream(input), args);
  }

  private static CliRun withInput(InputStream in, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SegmentCli.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CliRun(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}
