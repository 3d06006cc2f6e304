package org.segmentdsl.internal.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.segmentdsl.internal.Varints;

/**
 * The byte layout of one contact's event times, all event types in one {@code byte[]}: one array
 * object per contact rather than one per (contact, type), because a contact's 20 events are
 * typically spread over several types, and a Java array costs a 16-byte header, padding and a
 * 4-byte reference whatever it holds.
 *
 * <pre>
 * blob    := unit base section*            sections by increasing earliest time
 * unit    := 1 byte: 0 = microseconds, 1 = milliseconds, 2 = seconds (the coarsest unit that
 *            divides every time of the contact)
 * base    := zigzag varint: the contact's earliest time, in units since 2020-01-01T00:00Z
 * section := typeId:varint n:varint first:varint width:1 byte deltas
 * first   := the section's earliest time minus the previous section's (or base), in units
 * deltas  := the n - 1 gaps between consecutive times, in units, each {@code width} bits, packed
 *            least significant bit first and padded to a whole byte
 * </pre>
 *
 * <p>Times inside a section are sorted, so the gaps are non-negative and, for a contact's events
 * over a year, fit in 20-25 bits at second resolution (about 3 bytes an event) instead of the 8
 * bytes of a {@code long}. Gaps are unsigned 64-bit values, so any two times the index accepts
 * (within +-290,000 years) can follow each other.
 */
final class EventBlob {
  private static final int MICROS = 0;
  private static final int MILLIS = 1;
  private static final int SECONDS = 2;
  private static final long[] UNIT = {1L, 1_000L, 1_000_000L};
  /** 2020-01-01T00:00:00Z in epoch microseconds: bases near it take fewer varint bytes. */
  private static final long EPOCH = 1_577_836_800_000_000L;

  private EventBlob() {}

  /** The blob of these sections (type id to sorted epoch microseconds), or null if all are empty. */
  static byte[] encode(TreeMap<Integer, long[]> sections) {
    int unit = SECONDS;
    List<Map.Entry<Integer, long[]>> order = new ArrayList<>(sections.size());
    for (Map.Entry<Integer, long[]> e : sections.entrySet()) {
      long[] times = e.getValue();
      if (times.length == 0) {
        continue;
      }
      order.add(e);
      for (long t : times) {
        if (t < Long.MIN_VALUE + EPOCH) {
          unit = MICROS; // t - EPOCH wraps: only whole microseconds survive that exactly
        }
        while (unit > MICROS && Math.floorMod(t - EPOCH, UNIT[unit]) != 0) {
          unit--;
        }
      }
    }
    if (order.isEmpty()) {
      return null;
    }
    order.sort((a, b) -> Long.compare(a.getValue()[0], b.getValue()[0]));
    long scale = UNIT[unit];
    Writer w = new Writer();
    w.writeByte(unit);
    long base = Math.floorDiv(order.get(0).getValue()[0] - EPOCH, scale);
    w.writeVarint(Varints.zigzag(base));
    long previousFirst = base;
    for (Map.Entry<Integer, long[]> e : order) {
      long[] times = e.getValue();
      w.writeVarint(e.getKey());
      w.writeVarint(times.length);
      long first = Math.floorDiv(times[0] - EPOCH, scale);
      w.writeVarint(first - previousFirst);
      previousFirst = first;
      long widest = 0;
      long previous = first;
      for (int i = 1; i < times.length; i++) {
        long u = Math.floorDiv(times[i] - EPOCH, scale);
        widest |= u - previous;
        previous = u;
      }
      int width = 64 - Long.numberOfLeadingZeros(widest);
      w.writeByte(width);
      previous = first;
      for (int i = 1; i < times.length; i++) {
        long u = Math.floorDiv(times[i] - EPOCH, scale);
        w.writeBits(u - previous, width);
        previous = u;
      }
      w.alignToByte();
    }
    return w.toArray();
  }

  /** Every section of a blob (type id to sorted epoch microseconds); empty for null. */
  static TreeMap<Integer, long[]> decodeAll(byte[] blob) {
    TreeMap<Integer, long[]> sections = new TreeMap<>();
    if (blob == null) {
      return sections;
    }
    Reader r = new Reader(blob);
    long scale = UNIT[r.readByte()];
    r.first = Varints.unzigzag(r.varint());
    while (r.hasMore()) {
      int typeId = r.varintInt();
      int n = r.varintInt();
      long[] times = new long[n];
      r.readTimes(n, scale, times);
      sections.put(typeId, times);
    }
    return sections;
  }

  /** The number of events in a blob, all types (0 for null). */
  static long count(byte[] blob) {
    if (blob == null) {
      return 0;
    }
    Reader r = new Reader(blob);
    r.readByte();
    r.varint();
    long total = 0;
    while (r.hasMore()) {
      r.varintInt();
      int n = r.varintInt();
      total += n;
      r.skipTimes(n);
    }
    return total;
  }

  /** The number of events of one type in a blob (0 for null), reading the section headers only. */
  static int count(byte[] blob, int typeId) {
    if (blob == null) {
      return 0;
    }
    Reader r = new Reader(blob);
    r.readByte();
    r.varint();
    while (r.hasMore()) {
      int id = r.varintInt();
      int n = r.varintInt();
      if (id == typeId) {
        return n;
      }
      r.skipTimes(n);
    }
    return 0;
  }

  /**
   * What keeps a blob from a snapshot file from being one this class writes, or null if nothing
   * does: its structure only (a unit, a base, sections of a known and distinct type with at least
   * one time, ending with the blob), in time proportional to its sections. Each section's type
   * id and count go to {@code counts}, which must hold {@code types} zeros.
   */
  static String problem(byte[] blob, int types, int[] counts) {
    try {
      Reader r = new Reader(blob);
      if (r.readByte() > SECONDS) {
        return "an unknown time unit";
      }
      r.varint();
      while (r.hasMore()) {
        long id = r.varint();
        long n = r.varint();
        if (id >= types) {
          return "event type number " + id + " of " + types;
        }
        if (n < 1 || n > Integer.MAX_VALUE || counts[(int) id] != 0) {
          return n < 1 || n > Integer.MAX_VALUE ? n + " events of a type"
              : "event type number " + id + " twice";
        }
        counts[(int) id] = (int) n;
        r.varint();
        int width = r.readByte();
        if (width > 64) {
          return "gaps of " + width + " bits";
        }
        r.pos += (int) Math.min(Integer.MAX_VALUE, ((n - 1) * width + 7) >>> 3);
        if (r.pos > blob.length || r.pos < 0) {
          return "a section that runs past the end";
        }
      }
      return null;
    } catch (ArrayIndexOutOfBoundsException e) {
      return "a section that runs past the end";
    }
  }

  /** Loads one type's times into {@code into} (none if the blob is null or has no such type). */
  static void decode(byte[] blob, int typeId, EventList into) {
    into.clear();
    if (blob == null) {
      return;
    }
    Reader r = new Reader(blob);
    long scale = UNIT[r.readByte()];
    r.first = Varints.unzigzag(r.varint());
    while (r.hasMore()) {
      int id = r.varintInt();
      int n = r.varintInt();
      if (id == typeId) {
        r.readTimes(n, scale, into.reserve(n));
        into.setSize(n);
        return;
      }
      r.skipTimes(n);
    }
  }

  private static final class Writer {
    private byte[] buf = new byte[32];
    private int pos;
    private int bit; // bits used in buf[pos], 0..7

    private void ensure(int more) {
      if (pos + more >= buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more + 1));
      }
    }

    void writeByte(int b) {
      ensure(1);
      buf[pos++] = (byte) b;
    }

    void writeVarint(long v) {
      ensure(10);
      pos = Varints.write(buf, pos, v);
    }

    void writeBits(long v, int width) {
      ensure(9);
      int remaining = width;
      while (remaining > 0) {
        int take = Math.min(8 - bit, remaining);
        buf[pos] |= (byte) ((v & ((1L << take) - 1)) << bit);
        v >>>= take;
        remaining -= take;
        bit += take;
        if (bit == 8) {
          bit = 0;
          pos++;
        }
      }
    }

    void alignToByte() {
      if (bit != 0) {
        bit = 0;
        pos++;
      }
    }

    byte[] toArray() {
      return java.util.Arrays.copyOf(buf, pos);
    }
  }

  private static final class Reader extends Varints.Reader {
    /** The earliest time of the section last read (the base before the first), in units. */
    long first;

    Reader(byte[] blob) {
      super(blob);
    }

    boolean hasMore() {
      return pos < bytes.length;
    }

    int readByte() {
      return bytes[pos++] & 0xFF;
    }

    /** Reads a section's times (after its type id and count) as epoch microseconds. */
    void readTimes(int n, long scale, long[] out) {
      first += varint();
      long u = first;
      int width = readByte();
      if (n > 0) {
        out[0] = u * scale + EPOCH;
      }
      int bit = 0;
      for (int i = 1; i < n; i++) {
        long v = 0;
        int got = 0;
        while (got < width) {
          int take = Math.min(8 - bit, width - got);
          v |= (long) (((bytes[pos] & 0xFF) >>> bit) & ((1 << take) - 1)) << got;
          got += take;
          bit += take;
          if (bit == 8) {
            bit = 0;
            pos++;
          }
        }
        u += v;
        out[i] = u * scale + EPOCH;
      }
      if (bit != 0) {
        pos++;
      }
    }

    /** Skips a section's times (after its type id and count). */
    void skipTimes(int n) {
      first += varint();
      int width = readByte();
      pos += (int) (((long) (n - 1) * width + 7) >>> 3);
    }
  }
}
