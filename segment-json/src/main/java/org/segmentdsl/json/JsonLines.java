package org.segmentdsl.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a JSONL file one line at a time without holding the file: each line's bytes land in one
 * reused buffer, checked to be valid UTF-8 and at most {@link #MAX_LINE} bytes (its line ending,
 * {@code \n} or {@code \r\n}, not counted). A longer line is reported as soon as it passes the
 * limit and skipped without being kept.
 */
final class JsonLines {
  /** The longest line the dataset format allows: 1 MiB. */
  static final int MAX_LINE = 1 << 20;

  private final InputStream in;
  private final byte[] chunk = new byte[1 << 16];
  private int chunkPos;
  private int chunkLen;
  private byte[] line = new byte[1 << 12];
  private int lineLen;
  private int lineNo;
  private boolean tooLong;
  /** Whether the rest of a too long line is still to be skipped. */
  private boolean skipping;
  private boolean eof;
  /** Bytes read from the stream before the current chunk. */
  private long before;

  JsonLines(InputStream in) {
    this.in = in;
  }

  /**
   * Advances to the next line; false at the end of the file. The line's bytes are {@link
   * #bytes()}{@code [0, }{@link #length()}{@code )}, without the line break. A line longer than
   * {@link #MAX_LINE} is returned as soon as it passes the limit, marked {@link #tooLong()}: a
   * file with no line break (a huge file, an endless stream) costs no more than one line. The next
   * call skips the rest of that line first.
   */
  boolean next() throws IOException {
    lineLen = 0;
    tooLong = false;
    if (skipping) {
      skipping = false;
      if (!skipToLineEnd()) {
        return false;
      }
    }
    boolean any = false;
    while (true) {
      if (chunkPos == chunkLen && !fill()) {
        if (any) {
          lineNo++;
          endLine();
          return true;
        }
        return false;
      }
      any = true;
      int start = chunkPos;
      // one byte over the limit is held: it may be the \r of a \r\n, which does not count
      int stop = Math.min(chunkLen, start + MAX_LINE + 1 - lineLen);
      int end = start;
      while (end < stop && chunk[end] != '\n') {
        end++;
      }
      append(start, end);
      chunkPos = end;
      if (end < chunkLen && chunk[end] == '\n') {
        chunkPos++;
        lineNo++;
        endLine();
        return true;
      }
      if (lineLen > MAX_LINE) {
        lineNo++;
        int next = line[lineLen - 1] == '\r' ? peek() : 0;
        if (next == '\n' || next == -1) { // a \r\n, or a \r at the end (as endLine takes it)
          chunkPos += next == '\n' ? 1 : 0;
          endLine();
        } else {
          tooLong = true;
          skipping = true;
          lineLen = 0;
        }
        return true;
      }
    }
  }

  /** Reads the next chunk; false at the end of the stream. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    before += chunkLen;
    chunkLen = in.read(chunk);
    chunkPos = 0;
    if (chunkLen <= 0) {
      eof = true;
      chunkLen = 0;
      return false;
    }
    return true;
  }

  /** How many bytes of the stream the lines returned so far took, line breaks included. */
  long position() {
    return before + chunkPos;
  }

  /** The next byte, not consumed, or -1 at the end of the stream. */
  private int peek() throws IOException {
    return chunkPos < chunkLen || fill() ? chunk[chunkPos] & 0xFF : -1;
  }

  /** Passes the rest of a line that was too long; false if the stream ends first. */
  private boolean skipToLineEnd() throws IOException {
    while (chunkPos < chunkLen || fill()) {
      int end = chunkPos;
      while (end < chunkLen && chunk[end] != '\n') {
        end++;
      }
      chunkPos = end;
      if (end < chunkLen) {
        chunkPos++;
        return true;
      }
    }
    return false;
  }

  private void append(int start, int end) {
    int n = end - start;
    if (lineLen + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
    }
    System.arraycopy(chunk, start, line, lineLen, n);
    lineLen += n;
  }

  /** Drops the line's \r before its \n (or at the end of the file); checks the limit. */
  private void endLine() {
    if (lineLen > 0 && line[lineLen - 1] == '\r') {
      lineLen--;
    }
    if (lineLen > MAX_LINE) {
      tooLong = true;
      lineLen = 0;
    }
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return lineLen;
  }

  /** The 1-based number of the current line. */
  int lineNo() {
    return lineNo;
  }

  /** Whether the current line was longer than {@link #MAX_LINE} (its bytes are not kept). */
  boolean tooLong() {
    return tooLong;
  }

  /** Whether the current line holds only whitespace. */
  boolean blank() {
    for (int i = 0; i < lineLen; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * The current line as a JSON object (strict: {@link JsonTree}).
   *
   * @throws DataJson.Bad if it is malformed JSON or another JSON value
   */
  Map<String, Object> object() throws DataJson.Bad {
    Object value;
    try {
      value = JsonTree.parse(line, 0, lineLen);
    } catch (JsonTree.Malformed e) {
      throw new DataJson.Bad(e.getMessage());
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new DataJson.Bad("expected a JSON object, got " + JsonText.show(value));
    }
    @SuppressWarnings("unchecked") // JsonTree makes maps with String keys
    Map<String, Object> object = (Map<String, Object>) map;
    return object;
  }

  /** Whether the current line is valid UTF-8. */
  boolean validUtf8() {
    return Utf8.firstInvalid(line, 0, lineLen) < 0;
  }

  /** The encoding that the current line looks like if it is not UTF-8 (UTF-16, UTF-32), or null. */
  String foreignEncoding() {
    return Utf8.foreignEncoding(line, 0, lineLen);
  }
}
