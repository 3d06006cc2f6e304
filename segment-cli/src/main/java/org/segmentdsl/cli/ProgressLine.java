package org.segmentdsl.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.segmentdsl.json.DatasetLoader;

/**
 * A dataset load's progress as one line on a terminal, rewritten in place at most five times a
 * second: {@code loading events.jsonl: 45% (93 of 207 MB), 1,250,000 lines, 560,000 lines/s,
 * 13 s left}. The share, the rate and the time left are the current file's (a pipe, whose size is
 * unknown, shows lines and rate only). {@link #clear} erases the line before anything else is
 * printed.
 */
final class ProgressLine implements DatasetLoader.Progress {
  private static final long MIN_INTERVAL_NANOS = 200_000_000L;

  private final PrintStream err;
  private final LongSupplier nanoTime;
  private String file;
  private long fileStart;
  private long lastPrint;
  private boolean shown;

  ProgressLine(PrintStream err, LongSupplier nanoTime) {
    this.err = err;
    this.nanoTime = nanoTime;
  }

  @Override
  public void read(String file, long lines, long bytesRead, long size) {
    long now = nanoTime.getAsLong();
    if (!file.equals(this.file)) {
      this.file = file;
      fileStart = now;
      lastPrint = now - MIN_INTERVAL_NANOS;
    }
    boolean done = size >= 0 && bytesRead >= size;
    if (!done && now - lastPrint < MIN_INTERVAL_NANOS) {
      return;
    }
    lastPrint = now;
    err.print("\r\033[K" + text(file, lines, bytesRead, size, now - fileStart));
    err.flush();
    shown = true;
  }

  /** The line's text after {@code elapsedNanos} on this file. */
  static String text(String file, long lines, long bytesRead, long size, long elapsedNanos) {
    StringBuilder s = new StringBuilder("loading ").append(file).append(": ");
    if (size > 0) {
      s.append(String.format(Locale.ROOT, "%d%% (%s of %s MB), ", bytesRead * 100 / size,
          megabytes(bytesRead), megabytes(size)));
    }
    s.append(String.format(Locale.ROOT, "%,d lines", lines));
    double seconds = elapsedNanos / 1e9;
    if (seconds >= 0.5 && lines > 0) {
      s.append(String.format(Locale.ROOT, ", %,d lines/s", Math.round(lines / seconds)));
      if (size > 0 && bytesRead > 0 && bytesRead < size) {
        long left = Math.round((size - bytesRead) * seconds / bytesRead);
        s.append(", ").append(left < 60 ? left + " s" : left / 60 + " min " + left % 60 + " s")
            .append(" left");
      }
    }
    return s.toString();
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%,d", Math.round(bytes / 1e6));
  }

  /** Erases the line, if one is shown. */
  void clear() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
      shown = false;
    }
  }
}
