package org.segmentdsl.internal.event;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.segmentdsl.Names;
import org.segmentdsl.internal.Varints;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/**
 * The distinct property maps of one event type, numbered from 1 in order of first use, and the
 * codec of a contact's list of map numbers. An event keeps the number of its map, not the map:
 * marketing events repeat a few values (campaigns, urls, topics, prices), so millions of clicks
 * share a few hundred maps, and a number under 128 takes one byte.
 *
 * <p>Append-only: a number keeps its map for the life of the index, even when the batch that
 * added it is refused (the entry then goes unused). Only the index writer calls {@link #intern},
 * under its lock; readers read maps through the array a published {@link EventColumn} holds, all
 * of whose entries that the snapshot refers to were written before it was published.
 */
final class PropertyMaps {
  /** The number of "no properties". */
  static final int NONE = 0;

  private final HashMap<Map<String, Object>, Integer> numbers = new HashMap<>();
  private Map<String, Object>[] maps = newArray(16);
  private int size = 1; // number 0 is NONE

  /** The number of a map, giving it the next number if it has none. Writer only. */
  int intern(Map<String, Object> props) {
    if (props.isEmpty()) {
      return NONE;
    }
    Integer known = numbers.get(props);
    if (known != null) {
      return known;
    }
    Map<String, Object> copy = Map.copyOf(props);
    if (size == maps.length) {
      maps = Arrays.copyOf(maps, size + (size >> 1));
    }
    maps[size] = copy;
    numbers.put(copy, size);
    return size++;
  }

  /** The maps by number as of now, for a column to publish. Writer only. */
  Map<String, Object>[] maps() {
    return maps;
  }

  /** The number of maps so far, counting {@link #NONE}. */
  int size() {
    return size;
  }

  /** The maps numbered so far, by number, {@code [0]} null: a copy, for a snapshot file. */
  Map<String, Object>[] copy() {
    return Arrays.copyOf(maps, size);
  }

  /**
   * Writes maps {@code [1, maps.length)}: each as its number of properties and each property's
   * name and value (a tag, 1 string, 2 number, 3 false, 4 true, then a string or 8 bytes), names
   * in order.
   */
  static void writeTo(SnapshotOut out, Map<String, Object>[] maps) {
    out.writeVarint(maps.length - 1);
    for (int i = 1; i < maps.length; i++) {
      Map<String, Object> m = maps[i];
      out.writeVarint(m.size());
      for (String name : new java.util.TreeSet<>(m.keySet())) {
        out.writeString(name);
        Object v = m.get(name);
        if (v instanceof String s) {
          out.writeByte(1);
          out.writeString(s);
        } else if (v instanceof Double d) {
          out.writeByte(2);
          out.writeDouble(d);
        } else {
          out.writeByte((Boolean) v ? 4 : 3);
        }
      }
    }
  }

  /** The maps {@link #writeTo} wrote, numbered as they were. */
  static PropertyMaps readFrom(SnapshotIn in) {
    PropertyMaps p = new PropertyMaps();
    int n = in.count(1);
    for (int i = 1; i <= n; i++) {
      int size = in.count(2);
      if (size == 0) {
        throw in.malformed("empty property map");
      }
      Map<String, Object> m = new HashMap<>();
      for (int k = 0; k < size; k++) {
        String name = in.readName("property name");
        int tag = in.readByte();
        Object value = switch (tag) {
          case 1 -> in.readString();
          case 2 -> in.readDouble();
          case 3 -> false;
          case 4 -> true;
          default -> throw in.malformed("unknown property value tag " + tag);
        };
        if (m.put(name, value) != null) {
          throw in.malformed("property name " + Names.quote(name) + " repeated");
        }
      }
      if (p.intern(m) != i) {
        throw in.malformed("property map " + i + " repeats an earlier one");
      }
    }
    return p;
  }

  /**
   * Map numbers {@code numbers[0, n)} as unsigned LEB128 varints, or null if all are {@link
   * #NONE}.
   */
  static byte[] encode(int[] numbers, int n) {
    int bytes = 0;
    boolean any = false;
    for (int i = 0; i < n; i++) {
      any |= numbers[i] != NONE;
      bytes += Varints.size(numbers[i]);
    }
    if (!any) {
      return null;
    }
    byte[] out = new byte[bytes];
    int p = 0;
    for (int i = 0; i < n; i++) {
      p = Varints.write(out, p, numbers[i]);
    }
    return out;
  }

  /**
   * Decodes {@code n} map numbers into {@code into}, which must hold {@code n}; a null {@code
   * encoded} is {@code n} times {@link #NONE}.
   */
  static void decode(byte[] encoded, int n, int[] into) {
    if (encoded == null) {
      Arrays.fill(into, 0, n, NONE);
      return;
    }
    Varints.Reader r = new Varints.Reader(encoded);
    for (int i = 0; i < n; i++) {
      into[i] = (int) r.varint();
    }
  }

  /**
   * What keeps {@code encoded} from being the numbers of {@code n} events' maps out of {@code
   * maps} numbered ones, or null if nothing does.
   */
  static String problem(byte[] encoded, int n, int maps) {
    try {
      Varints.Reader r = new Varints.Reader(encoded);
      for (int i = 0; i < n; i++) {
        long number = r.varint();
        if (number < 0 || number >= maps) {
          return "property map number " + number + " of " + maps;
        }
      }
      return r.pos == encoded.length ? null : "more property map numbers than events";
    } catch (ArrayIndexOutOfBoundsException e) {
      return "fewer property map numbers than events";
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // an array of maps, read back as maps only
  private static Map<String, Object>[] newArray(int n) {
    return new Map[n];
  }
}
