package org.segmentdsl.sql;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.Deal;
import org.segmentdsl.Event;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.ListStatus;

/**
 * The rows of the table layout for one snapshot, as every loader writes them ({@link
 * DuckDbTables#load}, {@code SparkSegments.register}): contacts in index order, each followed by
 * its tags, list statuses (by list), events (numbered from 0 in that order) with their
 * properties, and deals; then the accounts. Each row carries the integer keys of {@link
 * SegmentSql.Keys#POSITIONS}: the contact's position, and an account's position in the order of
 * {@link IndexSnapshot#accountIds()}.
 */
public final class LayoutRows {
  private LayoutRows() {}

  /**
   * Where the rows go.
   *
   * @param <X> what the sink may throw
   */
  public interface Sink<X extends Exception> {
    /**
     * A row of {@code contacts}.
     *
     * @param id the contact's id
     * @param position the contact's position (index order, from 0)
     * @param account the contact's account id, or null
     * @param accountPosition the account's position, or null without an account or for one the
     *     snapshot does not hold
     * @param fields the contact's field values, by field name
     * @throws X if the sink fails
     */
    void contact(String id, long position, @Nullable String account,
        @Nullable Long accountPosition, Map<String, Object> fields) throws X;

    /**
     * A row of {@code contact_tags}.
     *
     * @param contactId the contact's id
     * @param tag the tag
     * @param position the contact's position
     * @throws X if the sink fails
     */
    void tag(String contactId, String tag, long position) throws X;

    /**
     * A row of {@code contact_lists}.
     *
     * @param contactId the contact's id
     * @param list the list
     * @param status the contact's status on it
     * @param position the contact's position
     * @throws X if the sink fails
     */
    void list(String contactId, String list, ListStatus status, long position) throws X;

    /**
     * A row of {@code events}.
     *
     * @param eventId the event's number, from 0 in walking order
     * @param contactId the contact's id
     * @param type the event's type
     * @param at when it happened
     * @param position the contact's position
     * @throws X if the sink fails
     */
    void event(long eventId, String contactId, String type, Instant at, long position) throws X;

    /**
     * A row of {@code event_props}, of the event last given to {@link #event}.
     *
     * @param eventId the event's number
     * @param key the property's name
     * @param value a {@code String}, a {@code Boolean} or a {@code Number}
     * @throws X if the sink fails
     */
    void property(long eventId, String key, Object value) throws X;

    /**
     * A row of {@code deals}.
     *
     * @param id the deal's id
     * @param contactId its contact's id
     * @param fields the deal's field values, by field name
     * @param position its contact's position
     * @throws X if the sink fails
     */
    void deal(String id, String contactId, Map<String, Object> fields, long position) throws X;

    /**
     * A row of {@code accounts}.
     *
     * @param id the account's id
     * @param position the account's position, in the order of {@link
     *     IndexSnapshot#accountIds()}
     * @param fields the account's field values, by field name
     * @throws X if the sink fails
     */
    void account(String id, long position, Map<String, Object> fields) throws X;
  }

  /**
   * Sends every row of {@code snapshot} to {@code sink}, in the order above.
   *
   * @param <X> what the sink may throw
   * @param snapshot the state to walk, not null
   * @param sink where the rows go, not null
   * @throws X what the sink throws
   */
  public static <X extends Exception> void walk(IndexSnapshot snapshot, Sink<X> sink) throws X {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(sink, "sink");
    Map<String, Long> accountPositions = new HashMap<>();
    for (String id : snapshot.accountIds()) {
      accountPositions.put(id, (long) accountPositions.size());
    }
    long position = 0;
    long eventId = 0;
    for (String id : snapshot.contactIds()) {
      Contact c = snapshot.contact(id).orElseThrow();
      long at = position++;
      sink.contact(id, at, c.account(),
          c.account() == null ? null : accountPositions.get(c.account()), c.fields());
      for (String tag : c.tags()) {
        sink.tag(id, tag, at);
      }
      for (Map.Entry<String, ListStatus> l : new TreeMap<>(c.lists()).entrySet()) {
        sink.list(id, l.getKey(), l.getValue(), at);
      }
      for (Event e : snapshot.events(id)) {
        sink.event(eventId, id, e.type(), e.at(), at);
        for (Map.Entry<String, Object> p : e.props().entrySet()) {
          sink.property(eventId, p.getKey(), p.getValue());
        }
        eventId++;
      }
      for (Deal d : snapshot.dealsOf(id)) {
        sink.deal(d.id(), id, d.fields(), at);
      }
    }
    for (String id : snapshot.accountIds()) {
      Account a = snapshot.account(id).orElseThrow();
      sink.account(id, accountPositions.get(id), a.fields());
    }
  }
}
