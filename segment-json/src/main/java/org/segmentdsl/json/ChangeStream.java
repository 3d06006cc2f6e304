package org.segmentdsl.json;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.Schema;
import org.segmentdsl.internal.InputFiles;
import org.segmentdsl.json.DataJson.Bad;

/**
 * Reads a change stream ({@code docs/live-segments.md}, "Change stream format") a line at a
 * time: one JSON object a line, each a change, a {@code batch} of changes or a {@code tick}. Each
 * line is checked as the dataset format checks the same data (types per schema, unknown keys and
 * fields, list statuses, scalar event properties, instants with offset), strictly (no duplicate
 * keys, no trailing content), and at most 1 MiB long; a longer line is skipped without being
 * held.
 *
 * <p>A bad line is returned as a {@link ChangeLine.Rejected}, never thrown, so that a reader can
 * report it and go on. Blank lines are skipped but counted. What depends on the index's state (a
 * contact that must exist) is checked when the changes are applied: see {@link
 * ChangeLine.Changes#applyTo}.
 *
 * <pre>{@code
 * try (ChangeStream stream = ChangeStream.open(Path.of("changes.jsonl"), index.schema())) {
 *   for (ChangeLine line = stream.next(); line != null; line = stream.next()) {
 *     if (line instanceof ChangeLine.Changes c) {
 *       index.update(c::applyTo);
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class ChangeStream implements Closeable {
  private final InputStream in;
  private final String name;
  private final Schema schema;
  private final JsonLines lines;

  private ChangeStream(InputStream in, String name, Schema schema) {
    this.in = in;
    this.name = name;
    this.schema = schema;
    this.lines = new JsonLines(in);
  }

  /**
   * Opens a change file; messages name it by {@code file} as given.
   *
   * @param file the change file, not null
   * @param schema the schema lines are checked against, not null
   * @return the stream, at its first line
   * @throws IOException if it cannot be opened (missing, unreadable) or is not a regular file (a
   *     directory, a FIFO, a device: refused without being opened; {@link #of} reads streams)
   */
  public static ChangeStream open(Path file, Schema schema) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(schema, "schema");
    return new ChangeStream(InputFiles.open(file), file.toString(), schema);
  }

  /**
   * Reads a change stream from {@code in} (standard input, a socket, ...), which {@link #close}
   * closes; messages name it {@code name}.
   *
   * @param in the stream, not null
   * @param name how messages name the stream, not null
   * @param schema the schema lines are checked against, not null
   * @return the change stream, at its first line
   */
  public static ChangeStream of(InputStream in, String name, Schema schema) {
    return new ChangeStream(Objects.requireNonNull(in, "in"), Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(schema, "schema"));
  }

  /** {@return the stream's name, as messages give it} */
  public String name() {
    return name;
  }

  /**
   * The next non-blank line, or {@code null} at the end of the stream. A bad line is a {@link
   * ChangeLine.Rejected}.
   *
   * @return the line's changes, tick or rejection, or {@code null} at the end
   * @throws UncheckedIOException if the stream cannot be read
   */
  public @Nullable ChangeLine next() {
    try {
      while (lines.next()) {
        int n = lines.lineNo();
        if (lines.tooLong()) {
          return new ChangeLine.Rejected(name, n, "line is longer than 1 MiB");
        }
        if (lines.blank()) {
          continue;
        }
        String foreign = lines.foreignEncoding();
        if (foreign != null) {
          return new ChangeLine.Rejected(name, n, "not UTF-8: looks like " + foreign);
        }
        if (!lines.validUtf8()) {
          return new ChangeLine.Rejected(name, n, "not valid UTF-8");
        }
        try {
          Map<String, Object> object = lines.object();
          return ChangeJson.line(name, n, object, schema);
        } catch (Bad b) {
          return new ChangeLine.Rejected(name, n, ChangeRefusals.at(b.pointer(), b.getMessage()));
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + InputFiles.describe(e), e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  @Override
  public String toString() {
    return "ChangeStream[" + name + ", line " + lines.lineNo() + "]";
  }
}
