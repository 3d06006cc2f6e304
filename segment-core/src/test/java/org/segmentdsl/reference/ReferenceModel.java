package org.segmentdsl.reference;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.segmentdsl.Contact;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;

/**
 * A plain model of what a {@code ContactIndex} holds, written from the API documentation: a map of
 * contacts (each with its events) and the place each id got when it was first added. Batches apply
 * their mutations in call order on a working copy; a mutation with bad input throws {@link
 * Refused} and the working copy is dropped, so the model is unchanged.
 *
 * <p>Events: {@code record} needs a contact that exists at that point of the batch (one upserted
 * earlier in the batch counts); an upsert of an existing contact keeps its events; removing a
 * contact forgets its events, also when it is upserted again later in the same batch; {@link
 * #dropEventsBefore} forgets the events with a time before the cutoff.
 *
 * <p>Deals and accounts ({@code IndexBatch} and segment-format.md 3.7): a deal has an owner that
 * must exist at that point of the batch, and fields of the schema's deal fields; an upsert of an
 * existing deal replaces its owner and fields. An upsert of a contact replaces its account link
 * with the {@code Contact}'s (none there: no link) and keeps its deals; a link, by upsert or
 * {@code setAccount}, must name an account that exists at that point of the batch. Removing a
 * contact removes the deals it owns at that point; removing an account clears the link of every
 * contact linked to it (adding the account again does not bring the links back). Removing a deal
 * or an account that does not exist changes nothing. Bad input anywhere refuses the whole batch.
 *
 * <p>Order: {@code SegmentResult.ids()} lists contacts "in the order the contacts were first added
 * to the index (a contact removed and added again keeps its first place)". A contact is added when
 * a batch that leaves it in the index commits; contacts first added by the same batch take their
 * places in the order of their first {@code upsert} in that batch.
 */
final class ReferenceModel {
  /** A mutation the model refuses (the index must refuse it too, and keep its state). */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /**
   * What an evaluation reads: the contacts in the index's order, each contact's deals, and the
   * accounts by id. Immutable.
   */
  record State(List<RefContact> contacts, Map<String, List<RefDeal>> dealsByOwner,
      Map<String, RefAccount> accounts) {
    State {
      contacts = List.copyOf(contacts);
      Map<String, List<RefDeal>> copy = new HashMap<>();
      dealsByOwner.forEach((owner, deals) -> copy.put(owner, List.copyOf(deals)));
      dealsByOwner = Map.copyOf(copy);
      accounts = Map.copyOf(accounts);
    }

    /** The deals the contact owns (none: an empty list). */
    List<RefDeal> dealsOf(String contactId) {
      return dealsByOwner.getOrDefault(contactId, List.of());
    }

    /** A contact with its deals and account, for failure messages. */
    String describe(RefContact c) {
      StringBuilder sb = new StringBuilder(c.toString());
      for (RefDeal d : dealsOf(c.id())) {
        sb.append("\n      ").append(d);
      }
      if (c.account() != null) {
        sb.append("\n      ").append(accounts.get(c.account()));
      }
      return sb.toString();
    }
  }

  private final Schema schema;
  private Map<String, RefContact> contacts = new HashMap<>();
  private Map<String, RefDeal> deals = new HashMap<>();
  private Map<String, RefAccount> accounts = new HashMap<>();
  private final Map<String, Long> places = new HashMap<>();
  private long nextPlace;

  ReferenceModel(Schema schema) {
    this.schema = schema;
  }

  int size() {
    return contacts.size();
  }

  /** The ids of the contacts now in the model. */
  List<String> ids() {
    List<String> out = new ArrayList<>(contacts.keySet());
    out.sort(Comparator.comparingLong(places::get));
    return out;
  }

  RefContact get(String id) {
    return contacts.get(id);
  }

  /** Every contact, in the order of their places. */
  List<RefContact> contactsInOrder() {
    List<RefContact> out = new ArrayList<>(contacts.values());
    out.sort(Comparator.comparingLong(c -> places.get(c.id())));
    return out;
  }

  RefDeal deal(String id) {
    return deals.get(id);
  }

  RefAccount account(String id) {
    return accounts.get(id);
  }

  /** The ids of the deals now in the model, sorted. */
  List<String> dealIds() {
    List<String> out = new ArrayList<>(deals.keySet());
    out.sort(null);
    return out;
  }

  /** The ids of the accounts now in the model, sorted. */
  List<String> accountIds() {
    List<String> out = new ArrayList<>(accounts.keySet());
    out.sort(null);
    return out;
  }

  /** The current state, for the reference evaluator. */
  State state() {
    Map<String, List<RefDeal>> byOwner = new HashMap<>();
    List<RefDeal> all = new ArrayList<>(deals.values());
    all.sort(Comparator.comparing(RefDeal::id));
    for (RefDeal d : all) {
      byOwner.computeIfAbsent(d.owner(), k -> new ArrayList<>()).add(d);
    }
    return new State(contactsInOrder(), byOwner, accounts);
  }

  /** Forgets every event with a time before {@code cutoff} (not a batch: it cannot fail). */
  void dropEventsBefore(Instant cutoff) {
    Map<String, RefContact> next = new HashMap<>();
    contacts.forEach((id, c) -> {
      List<RefContact.RefEvent> kept = new ArrayList<>();
      for (RefContact.RefEvent e : c.events()) {
        if (!e.at().isBefore(cutoff)) {
          kept.add(e);
        }
      }
      next.put(id, kept.size() == c.events().size() ? c : c.withEvents(kept));
    });
    contacts = next;
  }

  /** How many events the model holds. */
  int eventCount() {
    int n = 0;
    for (RefContact c : contacts.values()) {
      n += c.events().size();
    }
    return n;
  }

  /** A new batch over a working copy of the current state. */
  Batch begin() {
    return new Batch();
  }

  /** The mutations of one batch, applied in call order to a working copy. */
  final class Batch {
    private final Map<String, RefContact> work = new HashMap<>(contacts);
    private final Map<String, RefDeal> workDeals = new HashMap<>(deals);
    private final Map<String, RefAccount> workAccounts = new HashMap<>(accounts);
    private final LinkedHashSet<String> upserted = new LinkedHashSet<>();

    void upsert(Contact c) {
      Map<String, Object> fields = new LinkedHashMap<>();
      c.fields().forEach((name, value) -> fields.put(name, normalize(c.id(), name, value)));
      checkAccount(c.id(), c.account());
      RefContact old = work.get(c.id());
      // an upsert keeps the contact's events (and its deals, kept apart); its link is replaced
      work.put(c.id(), new RefContact(c.id(), c.tags(), c.lists(), fields,
          old == null ? List.of() : old.events(), c.account()));
      upserted.add(c.id());
    }

    /** A link must name an account that exists at this point of the batch. */
    private void checkAccount(String contactId, String accountId) {
      if (accountId != null && !workAccounts.containsKey(accountId)) {
        throw new Refused("contact " + contactId + ": no such account " + accountId);
      }
    }

    void setAccount(String id, String accountId) {
      RefContact c = existing(id);
      if (accountId != null && accountId.isEmpty()) {
        throw new Refused("contact " + id + ": empty account id");
      }
      checkAccount(id, accountId);
      work.put(id, c.withAccount(accountId));
    }

    /**
     * Adds or replaces an account, given as raw parts as {@code Account}'s constructor takes them:
     * a non-empty id, field names and values non-null, every field an account field of the
     * schema with a value of its type. Its contacts stay linked to it.
     */
    void upsertAccount(String id, Map<String, Object> fields) {
      if (id == null || id.isEmpty()) {
        throw new Refused("account: empty id");
      }
      workAccounts.put(id, new RefAccount(id,
          normalizeAll("account " + id, schema.accountFields(), fields)));
    }

    /** Removes an account (if there is one) and clears the links to it. */
    void removeAccount(String id) {
      if (id == null || workAccounts.remove(id) == null) {
        return; // no such account: a no-op
      }
      for (RefContact c : new ArrayList<>(work.values())) {
        if (id.equals(c.account())) {
          work.put(c.id(), c.withAccount(null));
        }
      }
    }

    /**
     * Adds or replaces a deal (owner and fields), given as raw parts as {@code Deal}'s
     * constructor takes them: non-empty ids, field names and values non-null, every field a deal
     * field of the schema with a value of its type; the owner must exist at this point.
     */
    void upsertDeal(String id, String owner, Map<String, Object> fields) {
      if (id == null || id.isEmpty()) {
        throw new Refused("deal: empty id");
      }
      if (owner == null || owner.isEmpty()) {
        throw new Refused("deal " + id + ": empty contact id");
      }
      Map<String, Object> normal = normalizeAll("deal " + id, schema.dealFields(), fields);
      if (!work.containsKey(owner)) {
        throw new Refused("deal " + id + ": no such contact " + owner);
      }
      workDeals.put(id, new RefDeal(id, owner, normal));
    }

    void removeDeal(String id) {
      if (id != null) {
        workDeals.remove(id); // no such deal: a no-op
      }
    }

    /**
     * Records an event, per {@code Event} and {@code IndexBatch.record}: a non-empty type, a time
     * (kept to the microsecond), properties with non-empty names and string, boolean or finite
     * number values (numbers become doubles), of a contact that exists at this point.
     */
    void record(String contactId, String type, Instant at, Map<String, ?> props) {
      if (contactId == null || contactId.isEmpty()) {
        throw new Refused("event: empty contact id");
      }
      if (type == null || type.isEmpty()) {
        throw new Refused("event: empty type");
      }
      if (at == null) {
        throw new Refused("event: no time");
      }
      Map<String, Object> normal = new LinkedHashMap<>();
      for (Map.Entry<String, ?> e : props.entrySet()) {
        Object v = e.getValue();
        if (e.getKey() == null || e.getKey().isEmpty()) {
          throw new Refused("event: empty property name");
        }
        if (v instanceof String || v instanceof Boolean) {
          normal.put(e.getKey(), v);
        } else if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
          normal.put(e.getKey(), n.doubleValue());
        } else {
          throw new Refused("event: property " + e.getKey() + " = " + v + " is not a scalar");
        }
      }
      RefContact c = existing(contactId);
      List<RefContact.RefEvent> events = new ArrayList<>(c.events());
      events.add(new RefContact.RefEvent(type, at.truncatedTo(ChronoUnit.MICROS), normal));
      work.put(contactId, c.withEvents(events));
    }

    void remove(String id) {
      if (id == null || id.isEmpty()) {
        throw new Refused("remove: empty id");
      }
      work.remove(id);
      workDeals.values().removeIf(d -> d.owner().equals(id)); // its deals go with it
    }

    private RefContact existing(String id) {
      if (id == null || id.isEmpty()) {
        throw new Refused("empty id");
      }
      RefContact c = work.get(id);
      if (c == null) {
        throw new Refused("no such contact " + id);
      }
      return c;
    }

    void addTag(String id, String tag) {
      RefContact c = existing(id);
      checkName(tag, "tag");
      Set<String> tags = new LinkedHashSet<>(c.tags());
      tags.add(tag);
      work.put(id, c.withTags(tags));
    }

    void removeTag(String id, String tag) {
      RefContact c = existing(id);
      checkName(tag, "tag");
      Set<String> tags = new LinkedHashSet<>(c.tags());
      tags.remove(tag);
      work.put(id, c.withTags(tags));
    }

    void setField(String id, String field, Object value) {
      RefContact c = existing(id);
      Map<String, Object> fields = new LinkedHashMap<>(c.fields());
      if (value == null) {
        typeOf(id, field);
        fields.remove(field);
      } else {
        fields.put(field, normalize(id, field, value));
      }
      work.put(id, c.withFields(fields));
    }

    void clearField(String id, String field) {
      setField(id, field, null);
    }

    void setListStatus(String id, String list, ListStatus status) {
      RefContact c = existing(id);
      checkName(list, "list");
      if (status == null) {
        throw new Refused("null status");
      }
      Map<String, ListStatus> lists = new LinkedHashMap<>(c.lists());
      lists.put(list, status);
      work.put(id, c.withLists(lists));
    }

    void leaveList(String id, String list) {
      RefContact c = existing(id);
      checkName(list, "list");
      Map<String, ListStatus> lists = new LinkedHashMap<>(c.lists());
      lists.remove(list);
      work.put(id, c.withLists(lists));
    }

    /** Makes the working copy the model's state. */
    void commit() {
      for (String id : upserted) {
        if (work.containsKey(id) && !places.containsKey(id)) {
          places.put(id, nextPlace++);
        }
      }
      contacts = work;
      deals = workDeals;
      accounts = workAccounts;
    }
  }

  private static void checkName(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new Refused(what + " must be non-empty");
    }
  }

  private FieldType typeOf(String id, String field) {
    FieldType type = field == null ? null : schema.contactFields().get(field);
    if (type == null) {
      throw new Refused("contact " + id + ": unknown field " + field);
    }
    return type;
  }

  /**
   * A deal's or account's fields as the spec compares them: each name non-null and declared among
   * {@code types}, each value non-null and of its field's type ({@link #normalize}).
   */
  private static Map<String, Object> normalizeAll(String what, Map<String, FieldType> types,
      Map<String, Object> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new Refused(what + ": null field name or value");
      }
      FieldType type = types.get(e.getKey());
      if (type == null) {
        throw new Refused(what + ": unknown field " + e.getKey());
      }
      out.put(e.getKey(), normalize(what, e.getKey(), type, e.getValue()));
    }
    return out;
  }

  /**
   * The value as the spec compares it, per FieldType's documentation: STRING a String; NUMBER any
   * finite Number, as a double; DATE a LocalDate; DATETIME an Instant (or OffsetDateTime,
   * ZonedDateTime), to the microsecond; BOOLEAN a Boolean; GEO a GeoPoint.
   */
  private Object normalize(String id, String field, Object value) {
    return normalize("contact " + id, field, typeOf(id, field), value);
  }

  private static Object normalize(String what, String field, FieldType type, Object value) {
    Object normal = switch (type) {
      case STRING -> value instanceof String ? value : null;
      case NUMBER -> value instanceof Number n && Double.isFinite(n.doubleValue())
          ? (Object) n.doubleValue() : null;
      case DATE -> value instanceof LocalDate ? value : null;
      case DATETIME -> instant(value);
      case BOOLEAN -> value instanceof Boolean ? value : null;
      case GEO -> value instanceof GeoPoint ? value : null;
    };
    if (normal == null) {
      throw new Refused(what + ", field " + field + ": " + value + " is not a " + type);
    }
    return normal;
  }

  private static Instant instant(Object value) {
    Instant i = null;
    if (value instanceof Instant x) {
      i = x;
    } else if (value instanceof OffsetDateTime x) {
      i = x.toInstant();
    } else if (value instanceof ZonedDateTime x) {
      i = x.toInstant();
    }
    return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
  }
}
