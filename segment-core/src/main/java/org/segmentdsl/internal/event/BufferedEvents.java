package org.segmentdsl.internal.event;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns behind {@link org.segmentdsl.EventBuffer}: per event a contact number, a type
 * number, a time in microseconds and a property map number, each distinct contact id, type and
 * (checked, normalised) property map held once. The buffer checks what it adds; a batch takes the
 * columns as they are ({@link org.segmentdsl.internal.write.StagedBatch#recordAll}), looking each
 * contact up once, not once per event. Not thread-safe.
 */
public final class BufferedEvents {
  /** The map number of an event without properties. */
  public static final int NO_PROPS = -1;

  /** Caller maps remembered by content, to skip checking a map seen before; then never more. */
  private static final int REMEMBERED_MAPS = 4096;

  private int size;
  private int[] contacts = new int[16];
  private int[] types = new int[16];
  private long[] micros = new long[16];
  private int[] props = new int[16];

  private final Numbering<String> contactIds = new Numbering<>();
  private final Numbering<String> typeNames = new Numbering<>();
  private final Numbering<Map<String, Object>> maps = new Numbering<>();
  /** Copies of the caller's maps, as given, by the number of their checked form. */
  private final Map<Map<String, ?>, Integer> given = new HashMap<>();

  /**
   * The number of a contact id (not null), numbering it if it is new to the buffer: then it is
   * {@link #contactCount} as it was, and {@link #removeLastContact} takes it back.
   */
  public int contactNumber(String contactId) {
    return contactIds.intern(contactId);
  }

  /** The number of distinct contact ids in the buffer: the number the next new one gets. */
  public int contactCount() {
    return contactIds.size();
  }

  /** Forgets the contact id numbered last (its event was refused). */
  public void removeLastContact() {
    contactIds.removeLast();
  }

  /** The number of a type already in the buffer, or -1. */
  public int typeNumber(String type) {
    return typeNames.numberOf(type);
  }

  /** Numbers a type that is new to the buffer (and checked). */
  public int addType(String type) {
    return typeNames.intern(type);
  }

  /** The number of a map as a caller gave it before, or -1. */
  public int givenMapNumber(Map<String, ?> map) {
    Integer n = given.get(map);
    return n == null ? -1 : n;
  }

  /**
   * Numbers a checked, normalised, unmodifiable map (equal maps share a number), remembering the
   * caller's map it came from, copied, while fewer than {@value #REMEMBERED_MAPS} are.
   */
  public int addMap(Map<String, ?> asGiven, Map<String, Object> checked) {
    int n = maps.intern(checked);
    if (given.size() < REMEMBERED_MAPS) {
      given.put(new HashMap<>(asGiven), n);
    }
    return n;
  }

  /** Appends an event of numbered parts; {@code map} is {@link #NO_PROPS} without properties. */
  public void add(int contact, int type, long atMicros, int map) {
    if (size == contacts.length) {
      int capacity = size + (size >> 1) + 16;
      contacts = Arrays.copyOf(contacts, capacity);
      types = Arrays.copyOf(types, capacity);
      micros = Arrays.copyOf(micros, capacity);
      props = Arrays.copyOf(props, capacity);
    }
    contacts[size] = contact;
    types[size] = type;
    micros[size] = atMicros;
    props[size] = map;
    size++;
  }

  public int size() {
    return size;
  }

  /** Forgets every event and every number. */
  public void clear() {
    size = 0;
    contactIds.clear();
    typeNames.clear();
    maps.clear();
    given.clear();
  }

  /** Event {@code i}'s contact number. */
  public int contact(int i) {
    return contacts[i];
  }

  /** Event {@code i}'s type number. */
  public int type(int i) {
    return types[i];
  }

  /** Event {@code i}'s time in microseconds since the epoch. */
  public long micros(int i) {
    return micros[i];
  }

  /** Event {@code i}'s map number, or {@link #NO_PROPS}. */
  public int map(int i) {
    return props[i];
  }

  /** The distinct contact ids by number. */
  public List<String> contactIds() {
    return contactIds.values();
  }

  /** The distinct types by number. */
  public List<String> typeNames() {
    return typeNames.values();
  }

  /** The distinct property maps by number. */
  public List<Map<String, Object>> maps() {
    return maps.values();
  }
}
