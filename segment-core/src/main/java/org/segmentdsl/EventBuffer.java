package org.segmentdsl;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.segmentdsl.internal.column.Keys;
import org.segmentdsl.internal.event.BufferedEvents;
import org.segmentdsl.internal.write.StagedBatch;

/**
 * Many events, to record in one call: fill a buffer outside the index's lock (on the thread that
 * reads them from a file or a queue), then {@link IndexBatch#recordAll record them all} in a
 * batch. The buffer keeps its events in columns, each distinct contact id, type and property map
 * once; it checks each event as {@link Event} does when it is added (a distinct id, type or
 * property map once), so that the batch only looks each contact up, once per contact rather than
 * once per event, and the time under the index's write lock is what the index itself does.
 *
 * <pre>{@code
 * EventBuffer events = new EventBuffer();
 * for (Click c : clicks) {
 *   events.add(c.contactId(), "email_click", c.at(), Map.of("campaign", c.campaign()));
 * }
 * index.update(batch -> batch.recordAll(events));
 * events.clear(); // and fill it again
 * }</pre>
 *
 * <p>Not thread-safe: one thread fills a buffer, then hands it over (for instance through the
 * {@code update} call); do not change it while a batch records it.
 */
public final class EventBuffer {
  private final BufferedEvents columns = new BufferedEvents();

  /** An empty buffer. */
  public EventBuffer() {}

  /**
   * Adds an event without properties.
   *
   * @param contactId the contact's id; the contact must exist when the buffer is recorded
   * @param type the event type (case-sensitive)
   * @param at when it happened; kept to the microsecond, finer digits truncated toward the past
   * @return this buffer
   * @throws InvalidContactException if the id, type or time is one {@link Event} refuses
   */
  public EventBuffer add(String contactId, String type, Instant at) {
    return add(contactId, type, at, Map.of());
  }

  /**
   * Adds an event with properties (checked and normalised as {@link Event} does; a map equal to
   * one added before is checked once).
   *
   * @param contactId the contact's id; the contact must exist when the buffer is recorded
   * @param type the event type (case-sensitive)
   * @param at when it happened; kept to the microsecond, finer digits truncated toward the past
   * @param props the properties: strings, numbers and booleans by name, not null
   * @return this buffer
   * @throws NullPointerException if {@code props} is null
   * @throws InvalidContactException if the id, type, time or a property is one {@link Event}
   *     refuses
   */
  public EventBuffer add(String contactId, String type, Instant at, Map<String, ?> props) {
    if (contactId == null) {
      Event.checkContactId(null); // throws
    }
    int known = columns.contactCount();
    int contact = columns.contactNumber(contactId);
    try {
      if (contact == known) {
        Event.checkContactId(contactId);
      }
      int typeNumber = type == null ? -1 : columns.typeNumber(type);
      if (typeNumber < 0) {
        Event.checkType(contactId, type);
        typeNumber = columns.addType(type);
      }
      long micros = Keys.floorMicros(Event.checkedTime(contactId, type, at));
      Objects.requireNonNull(props, "props");
      int map = BufferedEvents.NO_PROPS;
      if (!props.isEmpty()) {
        map = columns.givenMapNumber(props);
        if (map < 0) {
          @SuppressWarnings("unchecked") // read only: checked copies the entries it checks
          Map<String, Object> given = (Map<String, Object>) props;
          map = columns.addMap(props, Event.checked(contactId, type, given));
        }
      }
      columns.add(contact, typeNumber, micros, map);
    } catch (RuntimeException | Error e) {
      if (contact == known) { // a contact of no event must not reach the batch
        columns.removeLastContact();
      }
      throw e;
    }
    return this;
  }

  /**
   * Adds an event made before.
   *
   * @param event the event, not null
   * @return this buffer
   */
  public EventBuffer add(Event event) {
    return add(event.contactId(), event.type(), event.at(), event.props());
  }

  /** {@return the number of events added since the buffer was made or cleared} */
  public int size() {
    return columns.size();
  }

  /** {@return whether no event was added since the buffer was made or cleared} */
  public boolean isEmpty() {
    return columns.size() == 0;
  }

  /** Forgets every event, to fill the buffer again. */
  public void clear() {
    columns.clear();
  }

  /** Records every event in {@code batch}: what {@link IndexBatch#recordAll} does. */
  void recordIn(IndexBatch batch) {
    if (batch instanceof StagedBatch staged) {
      staged.recordAll(columns);
      return;
    }
    for (int i = 0; i < columns.size(); i++) {
      int map = columns.map(i);
      batch.record(new Event(columns.contactIds().get(columns.contact(i)),
          columns.typeNames().get(columns.type(i)), Keys.toInstant(columns.micros(i)),
          map == BufferedEvents.NO_PROPS ? Map.of() : columns.maps().get(map)));
    }
  }

  @Override
  public String toString() {
    return "EventBuffer[" + columns.size() + " events]";
  }
}
