package org.segmentdsl.internal;

/**
 * Unsigned LEB128 varints (7 bits a byte, low bits first) and zigzag signs, shared by the index's
 * byte formats: {@link EventBlob}, {@link RowCodec} and {@link PropertyMaps}.
 */
final class Varints {
  private Varints() {}

  /** The bytes {@link #write} takes for {@code v}. */
  static int size(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  /** Writes {@code v} at {@code pos} (room for 10 bytes is the caller's); returns the next pos. */
  static int write(byte[] out, int pos, long v) {
    while ((v & ~0x7FL) != 0) {
      out[pos++] = (byte) (v & 0x7F | 0x80);
      v >>>= 7;
    }
    out[pos++] = (byte) v;
    return pos;
  }

  static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** A read position in a byte array. */
  static class Reader {
    final byte[] bytes;
    int pos;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    long varint() {
      long v = 0;
      int shift = 0;
      byte b;
      do {
        b = bytes[pos++];
        v |= (long) (b & 0x7F) << shift;
        shift += 7;
      } while (b < 0);
      return v;
    }

    /** A varint that must fit an int. */
    int varintInt() {
      return Math.toIntExact(varint());
    }
  }
}
