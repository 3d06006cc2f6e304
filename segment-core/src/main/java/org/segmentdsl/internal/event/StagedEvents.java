package org.segmentdsl.internal.event;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.segmentdsl.Event;
import org.segmentdsl.internal.column.Keys;

/**
 * A batch's recorded events, column by column: per event a contact row, a type number, a time in
 * microseconds and a property map number, in recording order. The batch keeps no {@link Event}
 * object: a batch of a million events holds about 20 MB of arrays instead of a million objects
 * with their instants, maps and id strings, which a young collection would copy again and again.
 * Types and property maps are numbered within the batch (equal maps share a number), so the
 * commit looks each up once per batch, not once per event.
 *
 * <p>A contact added in the same batch has no row yet when its events are recorded: its id is
 * kept for those events, and {@link #resolve} gives them their rows at commit. Writer only, not
 * thread-safe.
 */
public final class StagedEvents {
  /** The property map number of an event without properties. */
  static final int NO_PROPS = -1;

  private int size;
  /** The contact's row, or -1 while it has none ({@link #ids} then holds the id). */
  private int[] rows = new int[16];
  /** The ids of the events whose contact had no row when recorded; null until one is. */
  private String[] ids;
  private int[] types = new int[16];
  private long[] micros = new long[16];
  private int[] props = new int[16];

  private final Numbering<String> typeNames = new Numbering<>();
  private final Numbering<Map<String, Object>> maps = new Numbering<>();
  /** Per type, per map of the batch: its number in the type's column, plus one (0: not yet). */
  private int[][] numbers;

  int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Adds an event of a contact that has row {@code row}, or -1 if it has none yet. */
  public void add(int row, Event event) {
    ensureRoom(1);
    rows[size] = row;
    if (row < 0) {
      if (ids == null) {
        ids = new String[rows.length];
      }
      ids[size] = event.contactId();
    } else if (ids != null) {
      ids[size] = null;
    }
    types[size] = typeNames.intern(event.type());
    micros[size] = Keys.floorMicros(event.at());
    props[size] = event.props().isEmpty() ? NO_PROPS
        : maps.intern(event.props());
    size++;
  }

  /** Grows the columns, if need be, to hold {@code more} more events. */
  private void ensureRoom(int more) {
    if (size + more > rows.length) {
      int capacity = Math.max(size + more, size + (size >> 1) + 16);
      rows = Arrays.copyOf(rows, capacity);
      types = Arrays.copyOf(types, capacity);
      micros = Arrays.copyOf(micros, capacity);
      props = Arrays.copyOf(props, capacity);
      if (ids != null) {
        ids = Arrays.copyOf(ids, capacity);
      }
    }
  }

  /**
   * Adds a buffer's events, in its order; {@code rowOf} gives each of its contact numbers the
   * contact's row, or -1 if it has none yet.
   */
  public void addAll(BufferedEvents buffered, int[] rowOf) {
    int n = buffered.size();
    ensureRoom(n);
    int[] typeOf = new int[buffered.typeNames().size()];
    for (int t = 0; t < typeOf.length; t++) {
      typeOf[t] = typeNames.intern(buffered.typeNames().get(t));
    }
    int[] mapOf = new int[buffered.maps().size()];
    for (int m = 0; m < mapOf.length; m++) {
      mapOf[m] = maps.intern(buffered.maps().get(m));
    }
    List<String> contactIds = buffered.contactIds();
    for (int i = 0; i < n; i++) {
      int contact = buffered.contact(i);
      int row = rowOf[contact];
      rows[size] = row;
      if (row < 0) {
        if (ids == null) {
          ids = new String[rows.length];
        }
        ids[size] = contactIds.get(contact);
      } else if (ids != null) {
        ids[size] = null;
      }
      types[size] = typeOf[buffered.type(i)];
      micros[size] = buffered.micros(i);
      int map = buffered.map(i);
      props[size] = map == BufferedEvents.NO_PROPS ? NO_PROPS : mapOf[map];
      size++;
    }
  }

  /** Forgets the events of a contact (its row, or -1 and its id) recorded so far. */
  public void removeContact(int row, String id) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      boolean of = rows[i] >= 0 ? rows[i] == row : id.equals(ids[i]);
      if (!of) {
        rows[kept] = rows[i];
        if (ids != null) {
          ids[kept] = ids[i];
        }
        types[kept] = types[i];
        micros[kept] = micros[i];
        props[kept] = props[i];
        kept++;
      }
    }
    if (ids != null) {
      Arrays.fill(ids, kept, size, null);
    }
    size = kept;
  }

  /** Gives every event whose contact had no row the row {@code rowOf} gives its id now. */
  public void resolve(java.util.function.ToIntFunction<String> rowOf) {
    if (ids == null) {
      return;
    }
    for (int i = 0; i < size; i++) {
      if (rows[i] < 0) {
        rows[i] = rowOf.applyAsInt(ids[i]);
      }
    }
    ids = null;
  }

  /**
   * The events' positions grouped by row, rows ascending, each row's in recording order (after
   * {@link #resolve}).
   */
  public int[] byRow() {
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = ((long) rows[i] << 32) | i;
    }
    Arrays.sort(keys);
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }

  public int row(int i) {
    return rows[i];
  }

  int type(int i) {
    return types[i];
  }

  long micros(int i) {
    return micros[i];
  }

  /** The event's property map number in this batch, or {@link #NO_PROPS}. */
  int props(int i) {
    return props[i];
  }

  /**
   * The number {@code column} gives event {@code i}'s property map ({@link PropertyMaps#NONE}
   * without properties), interning each of the batch's maps in a column once. Only once the batch
   * is staged: at commit.
   */
  int columnNumber(int i, EventColumn column) {
    int map = props[i];
    if (map == NO_PROPS) {
      return PropertyMaps.NONE;
    }
    if (numbers == null) {
      numbers = new int[typeNames.size()][];
    }
    int[] known = numbers[types[i]];
    if (known == null) {
      known = new int[maps.size()];
      numbers[types[i]] = known;
    }
    if (known[map] == 0) {
      known[map] = column.intern(maps.values().get(map)) + 1;
    }
    return known[map] - 1;
  }

  /** The batch's event types by number. */
  public List<String> typeNames() {
    return typeNames.values();
  }

  /** A property map by its number in this batch. */
  Map<String, Object> map(int number) {
    return maps.values().get(number);
  }

  /** How many distinct property maps the batch's events have. */
  int maps() {
    return maps.size();
  }
}
