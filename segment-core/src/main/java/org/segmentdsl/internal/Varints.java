package org.segmentdsl.internal;

/**
 * Unsigned LEB128 varints (7 bits a byte, low bits first) and zigzag signs, shared by the index's
 * byte formats: {@link org.segmentdsl.internal.event.EventBlob}, {@link
 * org.segmentdsl.internal.table.RowCodec} and {@link org.segmentdsl.internal.event.PropertyMaps}.
 */
public final class Varints {
  private Varints() {}

  /** The bytes {@link #write} takes for {@code v}. */
  public static int size(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  /** Writes {@code v} at {@code pos} (room for 10 bytes is the caller's); returns the next pos. */
  public static int write(byte[] out, int pos, long v) {
    while ((v & ~0x7FL) != 0) {
      out[pos++] = (byte) (v & 0x7F | 0x80);
      v >>>= 7;
    }
    out[pos++] = (byte) v;
    return pos;
  }

  public static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  public static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** A read position in a byte array. */
  public static class Reader {
    public final byte[] bytes;
    public int pos;

    public Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    public long varint() {
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
    public int varintInt() {
      return Math.toIntExact(varint());
    }
  }
}
