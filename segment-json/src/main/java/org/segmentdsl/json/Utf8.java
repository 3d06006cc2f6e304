package org.segmentdsl.json;

/**
 * Checks that bytes are UTF-8 before the JSON parser reads them. The formats are UTF-8 only, but
 * the parser would detect UTF-16 and UTF-32 on its own and read them: this refuses them first,
 * and names what they look like. Stateless and thread-safe.
 */
final class Utf8 {
  private Utf8() {}

  /**
   * The offset of the first byte of {@code b[off, off + len)} that is not part of well-formed
   * UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF), or -1 if all are.
   */
  static int firstInvalid(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int n; // continuation bytes
      int min = 0x80; // the range of the first continuation byte
      int max = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        if (c == 0xE0) {
          min = 0xA0; // no overlong forms
        } else if (c == 0xED) {
          max = 0x9F; // no surrogates
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        if (c == 0xF0) {
          min = 0x90;
        } else if (c == 0xF4) {
          max = 0x8F; // nothing past U+10FFFF
        }
      } else {
        return i;
      }
      if (i + n >= end) {
        return i; // cut short
      }
      int first = b[i + 1] & 0xFF;
      if (first < min || first > max) {
        return i;
      }
      for (int k = 2; k <= n; k++) {
        if ((b[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += n + 1;
    }
    return -1;
  }

  /**
   * The encoding that the start of a JSON text shows when it is not UTF-8, or null: a byte order
   * mark, or zero bytes among the first four (JSON text starts with ASCII, RFC 4627 section 3).
   */
  static String foreignEncoding(byte[] b, int off, int len) {
    int b0 = len > 0 ? b[off] & 0xFF : -1;
    int b1 = len > 1 ? b[off + 1] & 0xFF : -1;
    int b2 = len > 2 ? b[off + 2] & 0xFF : -1;
    int b3 = len > 3 ? b[off + 3] & 0xFF : -1;
    if (b0 == 0xFE && b1 == 0xFF) {
      return "UTF-16BE";
    }
    if (b0 == 0xFF && b1 == 0xFE) {
      return b2 == 0 && b3 == 0 ? "UTF-32LE" : "UTF-16LE";
    }
    if (b0 == 0) {
      return b1 == 0 ? "UTF-32BE" : "UTF-16BE";
    }
    if (b1 == 0) {
      return b2 == 0 && b3 == 0 ? "UTF-32LE" : "UTF-16LE";
    }
    return null;
  }

  /**
   * What is wrong with {@code b[off, off + len)} as UTF-8 JSON text, or null if nothing: {@code
   * not UTF-8: looks like UTF-16LE}, {@code not valid UTF-8 (byte 17)} (counted from 0).
   */
  static String problem(byte[] b, int off, int len) {
    String foreign = foreignEncoding(b, off, len);
    if (foreign != null) {
      return "not UTF-8: looks like " + foreign;
    }
    int bad = firstInvalid(b, off, len);
    return bad < 0 ? null : "not valid UTF-8 (byte " + (bad - off) + ")";
  }
}
