package org.segmentdsl.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.InvalidSegmentException.Problem;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.eval.ConditionChecker;
import org.segmentdsl.internal.InputFiles;

/**
 * Saved segments as JSON ({@code segment/v1}): reading gives exactly the {@link Segment} the DSL
 * builds, writing gives canonical JSON (the same segment, the same bytes).
 *
 * <pre>{@code
 * Segment s = SegmentJson.read(Path.of("segments/engaged-leads.json"));
 * String json = SegmentJson.write(s);   // {"format":"segment/v1","id":"engaged-leads",...}
 * }</pre>
 *
 * <p>Reading is strict and bounded: malformed JSON, a document that is not UTF-8 (UTF-16 and
 * UTF-32 included), unknown or duplicate keys, wrong types, a document over 1 MiB, nesting deeper
 * than 32 conditions, {@code x-} values nested deeper than 32 levels, more than 10,000
 * conditions, an {@code in} over 10,000 values, a string, name or number over 1,024 characters
 * each give a {@link SegmentFormatException} listing every problem found (up to 100) with its
 * JSON Pointer, never another exception, and in time proportional to the document. The
 * overloads with a {@link Schema} also check the fields, operators and values against it and the
 * references against a {@link SegmentRegistry}. Writing refuses, with the same exception, a
 * segment built in Java past the depth and size limits. Stateless and thread-safe.
 */
public final class SegmentJson {
  /** The largest document read: 1 MiB of UTF-8. */
  public static final int MAX_BYTES = 1 << 20;

  private SegmentJson() {}

  /**
   * Reads a segment document.
   *
   * @param json the document, not null
   * @return the segment
   * @throws SegmentFormatException listing every problem found (up to 100) if the document is not
   *     valid {@code segment/v1} or is larger than 1 MiB
   */
  public static Segment read(String json) {
    Objects.requireNonNull(json, "json");
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES) {
      throw tooLarge();
    }
    return parse(bytes, bytes.length);
  }

  /**
   * Reads a segment document from a reader (not closed), up to {@link #MAX_BYTES}.
   *
   * @param reader the reader, read to its end, not null
   * @return the segment
   * @throws SegmentFormatException listing every problem found (up to 100) if the document is not
   *     valid {@code segment/v1} or is larger than 1 MiB
   * @throws IOException if the reader fails
   */
  public static Segment read(Reader reader) throws IOException {
    char[] buf = new char[8192];
    StringBuilder sb = new StringBuilder();
    for (int n; (n = reader.read(buf)) >= 0; ) {
      sb.append(buf, 0, n);
      if (sb.length() > MAX_BYTES) {
        throw tooLarge();
      }
    }
    return read(sb.toString());
  }

  /**
   * Reads a segment document from a stream of UTF-8 (not closed), up to {@link #MAX_BYTES}.
   *
   * @param in the stream, read to its end, not null
   * @return the segment
   * @throws SegmentFormatException listing every problem found (up to 100) if the document is not
   *     valid {@code segment/v1} or is larger than 1 MiB
   * @throws IOException if the stream fails
   */
  public static Segment read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw tooLarge();
    }
    return parse(bytes, bytes.length);
  }

  /**
   * Reads a segment file, up to {@link #MAX_BYTES}.
   *
   * @param file the file, not null
   * @return the segment
   * @throws SegmentFormatException listing every problem found (up to 100) if the document is not
   *     valid {@code segment/v1} or is larger than 1 MiB
   * @throws IOException if it cannot be read ({@link java.nio.file.NoSuchFileException} if it
   *     does not exist) or is not a regular file (a directory, a FIFO, a device: refused without
   *     being opened)
   */
  public static Segment read(Path file) throws IOException {
    try (InputStream in = InputFiles.open(file)) {
      return read(in);
    }
  }

  /**
   * Reads a segment document and checks it against a schema and the saved segments its
   * references name (unknown ids and cycles are problems too).
   *
   * @param json the document, not null
   * @param schema the schema the fields, operators and values must fit, not null
   * @param segments the saved segments references resolve against, not null
   * @return the segment
   * @throws SegmentFormatException listing every problem found (up to 100) if the document is not
   *     valid {@code segment/v1}, or the segment does not fit the schema or the saved segments
   */
  public static Segment read(String json, Schema schema, SegmentRegistry segments) {
    return check(read(json), schema, segments);
  }

  /**
   * Reads a segment file and checks it against a schema and saved segments.
   *
   * @param file the file, not null
   * @param schema the schema the fields, operators and values must fit, not null
   * @param segments the saved segments references resolve against, not null
   * @return the segment
   * @throws SegmentFormatException listing every problem found (up to 100) if the document is not
   *     valid {@code segment/v1}, or the segment does not fit the schema or the saved segments
   * @throws IOException if the file cannot be read or is not a regular file
   */
  public static Segment read(Path file, Schema schema, SegmentRegistry segments)
      throws IOException {
    return check(read(file), schema, segments);
  }

  /**
   * Checks a segment against a schema and saved segments, reporting problems as a {@link
   * SegmentFormatException} with pointers under {@code /where}.
   *
   * @param segment the segment, not null
   * @param schema the schema the fields, operators and values must fit, not null
   * @param segments the saved segments references resolve against, not null
   * @return {@code segment}
   * @throws SegmentFormatException listing every problem found (up to 100)
   */
  public static Segment check(Segment segment, Schema schema, SegmentRegistry segments) {
    try {
      ConditionChecker.check(schema, segments, segment.id(), segment.condition(), "/where");
    } catch (InvalidSegmentException e) {
      throw new SegmentFormatException(e.problems());
    }
    return segment;
  }

  /**
   * The canonical JSON of a segment: one line, no trailing newline.
   *
   * @param segment the segment, not null
   * @return the document
   * @throws SegmentFormatException if the segment passes the format's limits, which a condition
   *     built in Java may (nested deeper than 32 levels, more than 10,000 conditions): no reader
   *     would take the document. Each problem has its JSON Pointer ({@code /where/...}).
   */
  public static String write(Segment segment) {
    List<Problem> problems = limits(Objects.requireNonNull(segment, "segment"));
    if (!problems.isEmpty()) {
      throw new SegmentFormatException(problems);
    }
    return SegmentWriter.write(segment);
  }

  private static SegmentFormatException tooLarge() {
    return new SegmentFormatException(List.of(new Problem("",
        "document is larger than 1 MiB")));
  }

  private static Segment parse(byte[] bytes, int len) {
    Object root;
    try {
      root = JsonTree.parse(bytes, 0, len);
    } catch (JsonTree.Malformed e) {
      throw new SegmentFormatException(List.of(new Problem("", e.getMessage())));
    }
    SegmentReader reader = new SegmentReader();
    Segment segment;
    try {
      segment = reader.document(root);
    } catch (SegmentReader.Full e) {
      segment = null;
    }
    List<Problem> problems = new ArrayList<>(reader.problems());
    if (segment != null) {
      // depth and size limits, which need no schema
      problems.addAll(limits(segment));
    }
    if (!problems.isEmpty()) {
      throw new SegmentFormatException(problems);
    }
    return segment;
  }

  /** The format's depth and size limits, checked without a schema. */
  private static List<Problem> limits(Segment segment) {
    try {
      ConditionChecker.checkLimits(segment.condition(), "/where");
      return List.of();
    } catch (InvalidSegmentException e) {
      return e.problems();
    }
  }
}
