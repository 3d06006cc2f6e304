package org.segmentdsl.internal.write;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.Deal;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.IndexBatch;
import org.segmentdsl.InvalidContactException;
import org.segmentdsl.InvalidEntityException;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Names;
import org.segmentdsl.Schema;
import org.segmentdsl.internal.Suggestions;
import org.segmentdsl.internal.event.BufferedEvents;
import org.segmentdsl.internal.event.StagedEvents;
import org.segmentdsl.internal.table.ContactRow;
import org.segmentdsl.internal.table.EntityRow;

/**
 * Collects a batch's mutations as whole new rows, checked one by one against the schema. Nothing
 * reaches the index until {@link IndexWriter#commit} takes the staged rows, so a mutation that
 * throws leaves no trace.
 */
public final class StagedBatch implements IndexBatch {
  private final Schema schema;
  private final IndexWriter writer;
  /** New state by id, in first-touch order; a null value means removed. */
  private final LinkedHashMap<String, ContactRow> staged = new LinkedHashMap<>();
  /** Events recorded, in call order. */
  private final StagedEvents events = new StagedEvents();
  /** Contacts removed in this batch: their events recorded before go, even if they come back. */
  private final Set<String> cleared = new HashSet<>();
  /** New deal and account state by id, in first-touch order; a null value means removed. */
  private final LinkedHashMap<String, EntityRow> deals = new LinkedHashMap<>();
  private final LinkedHashMap<String, EntityRow> accounts = new LinkedHashMap<>();
  private boolean closed;

  StagedBatch(Schema schema, IndexWriter writer) {
    this.schema = schema;
    this.writer = writer;
  }

  Map<String, ContactRow> staged() {
    return staged;
  }

  StagedEvents events() {
    return events;
  }

  Set<String> cleared() {
    return cleared;
  }

  Map<String, EntityRow> stagedDeals() {
    return deals;
  }

  Map<String, EntityRow> stagedAccounts() {
    return accounts;
  }

  boolean isEmpty() {
    return staged.isEmpty() && events.isEmpty() && deals.isEmpty() && accounts.isEmpty();
  }

  void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this batch has ended: use it only inside update(...)");
    }
  }

  private ContactRow current(String id, String op) {
    checkOpen();
    if (id == null || id.isEmpty()) {
      throw new InvalidContactException(id, null, op + ": contact id must be a non-empty string");
    }
    checkId(id, op);
    ContactRow row = rowNow(id);
    if (row == null) {
      throw new InvalidContactException(id, null, op + ": no such contact");
    }
    return row;
  }

  @Override
  public boolean containsContact(String id) {
    checkOpen();
    if (id == null) {
      return false;
    }
    return exists(id, writer.rowOf(id));
  }

  /**
   * Whether the contact of that id, whose row in the writer is {@code row} ({@link
   * IndexWriter#rowOf}), exists at this point of the batch; its row is not decoded.
   */
  private boolean exists(String id, int row) {
    return staged.isEmpty() || !staged.containsKey(id) ? writer.hasRow(row)
        : staged.get(id) != null;
  }

  @Override
  public boolean containsAccount(String id) {
    checkOpen();
    return id != null && accountExists(id);
  }

  /** A contact's row at this point of the batch, or null if it does not exist now. */
  private ContactRow rowNow(String id) {
    return staged.containsKey(id) ? staged.get(id) : writer.row(id);
  }

  @Override
  public IndexBatch upsert(Contact contact) {
    checkOpen();
    Objects.requireNonNull(contact, "contact");
    Map<String, Object> fields = new HashMap<>();
    contact.fields().forEach((name, value) -> fields.put(name, normalize(contact.id(), name, value)));
    checkAccount(contact.id(), contact.account());
    staged.put(contact.id(), new ContactRow(contact.id(), contact.tags(), contact.lists(), fields,
        contact.account()));
    return this;
  }

  /** Refuses a link to an account that does not exist at this point of the batch. */
  private void checkAccount(String contactId, String accountId) {
    if (accountId != null && !accountExists(accountId)) {
      throw new InvalidContactException(contactId, null, "no such account \"" + accountId + "\"");
    }
  }

  private EntityRow currentAccount(String id) {
    return accounts.containsKey(id) ? accounts.get(id) : writer.account(id);
  }

  /** Whether the account exists at this point of the batch (without decoding its row). */
  private boolean accountExists(String id) {
    return accounts.containsKey(id) ? accounts.get(id) != null : writer.hasAccount(id);
  }

  private EntityRow currentDeal(String id) {
    return deals.containsKey(id) ? deals.get(id) : writer.deal(id);
  }

  @Override
  public IndexBatch setAccount(String id, String accountId) {
    ContactRow row = current(id, "setAccount");
    if (accountId != null && accountId.isEmpty()) {
      throw new InvalidContactException(id, null, "an account id must be a non-empty string");
    }
    if (accountId != null) {
      checkName(id, "account id", accountId);
    }
    checkAccount(id, accountId);
    staged.put(id, row.withAccount(accountId));
    return this;
  }

  @Override
  public IndexBatch upsertAccount(Account account) {
    checkOpen();
    Objects.requireNonNull(account, "account");
    accounts.put(account.id(), new EntityRow(account.id(), null,
        normalize("account", account.id(), schema.accountFields(), account.fields())));
    return this;
  }

  @Override
  public IndexBatch removeAccount(String accountId) {
    checkOpen();
    if (accountId != null) {
      checkEntityId("account", accountId);
    }
    if (accountId == null || currentAccount(accountId) == null) {
      return this; // no such account: a no-op
    }
    // Its contacts lose the link; the writer's members, as this batch has changed them so far.
    Set<String> linked = new LinkedHashSet<>(writer.membersOf(accountId));
    staged.forEach((id, row) -> {
      if (row != null && accountId.equals(row.account())) {
        linked.add(id);
      }
    });
    for (String id : linked) {
      ContactRow row = rowNow(id);
      if (row != null && accountId.equals(row.account())) {
        staged.put(id, row.withAccount(null));
      }
    }
    accounts.put(accountId, null);
    return this;
  }

  @Override
  public IndexBatch upsertDeal(Deal deal) {
    checkOpen();
    Objects.requireNonNull(deal, "deal");
    if (!containsContact(deal.contactId())) {
      throw new InvalidEntityException("deal", deal.id(), null,
          "no such contact \"" + deal.contactId() + "\"");
    }
    deals.put(deal.id(), new EntityRow(deal.id(), deal.contactId(),
        normalize("deal", deal.id(), schema.dealFields(), deal.fields())));
    return this;
  }

  @Override
  public IndexBatch removeDeal(String dealId) {
    checkOpen();
    if (dealId != null) {
      checkEntityId("deal", dealId);
    }
    if (dealId != null && currentDeal(dealId) != null) {
      deals.put(dealId, null);
    }
    return this;
  }

  private static Map<String, Object> normalize(String entity, String id,
      Map<String, FieldType> types, Map<String, Object> values) {
    Map<String, Object> fields = new HashMap<>();
    values.forEach((name, value) -> {
      FieldType type = types.get(name);
      if (type == null) {
        throw new InvalidEntityException(entity, id, name, "unknown " + entity + " field"
            + Suggestions.didYouMean(name, types.keySet()));
      }
      fields.put(name, FieldValues.normalize(entity, id, name, type, value));
    });
    return fields;
  }

  @Override
  public IndexBatch remove(String id) {
    checkOpen();
    if (id == null || id.isEmpty()) {
      throw new InvalidContactException(id, null, "remove: contact id must be a non-empty string");
    }
    checkId(id, "remove");
    if (rowNow(id) == null) {
      return this; // no such contact: a no-op, which must not take a place among new rows
    }
    staged.put(id, null);
    cleared.add(id);
    events.removeContact(writer.rowOf(id), id);
    // its deals go too: those it owns now, and those given to it earlier in this batch
    Set<String> owned = new LinkedHashSet<>(writer.dealsOf(id));
    deals.forEach((dealId, row) -> {
      if (row != null && id.equals(row.owner())) {
        owned.add(dealId);
      }
    });
    for (String dealId : owned) {
      EntityRow deal = currentDeal(dealId);
      if (deal != null && id.equals(deal.owner())) {
        deals.put(dealId, null);
      }
    }
    return this;
  }

  @Override
  public IndexBatch record(Event event) {
    checkOpen();
    Objects.requireNonNull(event, "event");
    // An id the index or this batch holds is a valid one: only a missing contact needs the
    // checks (and its row is never decoded, which recording an event does not need). One
    // dictionary lookup: in a big batch of events it is the cost of an event.
    String id = event.contactId();
    int row = writer.rowOf(id);
    if (!exists(id, row)) {
      current(id, "record");
    }
    events.add(row, event);
    return this;
  }

  /**
   * Records a buffer's events ({@link IndexBatch#recordAll}): each distinct contact looked up and
   * checked once, then every event staged as the buffer numbered it.
   */
  public void recordAll(BufferedEvents buffered) {
    checkOpen();
    List<String> ids = buffered.contactIds();
    int[] rowOf = new int[ids.size()];
    for (int c = 0; c < rowOf.length; c++) {
      String id = ids.get(c);
      int row = writer.rowOf(id);
      if (!exists(id, row)) {
        current(id, "record");
      }
      rowOf[c] = row;
    }
    events.addAll(buffered, rowOf);
  }

  @Override
  public IndexBatch addTag(String id, String tag) {
    ContactRow row = current(id, "addTag");
    checkTag(id, tag);
    Set<String> tags = new HashSet<>(row.tags());
    tags.add(tag);
    staged.put(id, new ContactRow(id, tags, row.lists(), row.fields(), row.account()));
    return this;
  }

  @Override
  public IndexBatch removeTag(String id, String tag) {
    ContactRow row = current(id, "removeTag");
    checkTag(id, tag);
    Set<String> tags = new HashSet<>(row.tags());
    tags.remove(tag);
    staged.put(id, new ContactRow(id, tags, row.lists(), row.fields(), row.account()));
    return this;
  }

  private static void checkTag(String id, String tag) {
    if (tag == null || tag.isEmpty()) {
      throw new InvalidContactException(id, null, "tags must be non-empty strings");
    }
    checkName(id, "tag", tag);
  }

  @Override
  public IndexBatch setField(String id, String field, Object value) {
    ContactRow row = current(id, "setField");
    Map<String, Object> fields = new HashMap<>(row.fields());
    if (value == null) {
      checkField(id, field);
      fields.remove(field);
    } else {
      fields.put(field, normalize(id, field, value));
    }
    staged.put(id, new ContactRow(id, row.tags(), row.lists(), fields, row.account()));
    return this;
  }

  @Override
  public IndexBatch clearField(String id, String field) {
    return setField(id, field, null);
  }

  @Override
  public IndexBatch setListStatus(String id, String list, ListStatus status) {
    ContactRow row = current(id, "setListStatus");
    checkList(id, list);
    if (status == null) {
      throw new InvalidContactException(id, null, "list \"" + list + "\": status must not be null");
    }
    Map<String, ListStatus> lists = new HashMap<>(row.lists());
    lists.put(list, status);
    staged.put(id, new ContactRow(id, row.tags(), lists, row.fields(), row.account()));
    return this;
  }

  @Override
  public IndexBatch leaveList(String id, String list) {
    ContactRow row = current(id, "leaveList");
    checkList(id, list);
    Map<String, ListStatus> lists = new HashMap<>(row.lists());
    lists.remove(list);
    staged.put(id, new ContactRow(id, row.tags(), lists, row.fields(), row.account()));
    return this;
  }

  private static void checkList(String id, String list) {
    if (list == null || list.isEmpty()) {
      throw new InvalidContactException(id, null, "list names must be non-empty strings");
    }
    checkName(id, "list name", list);
  }

  /** Refuses a contact id that breaks the rule of {@link Names} (a non-empty one). */
  private static void checkId(String id, String op) {
    String problem = Names.problem(id);
    if (problem != null) {
      throw new InvalidContactException(id, null, op + ": the contact id " + problem);
    }
  }

  /** Refuses a tag, list name or account id that breaks the rule of {@link Names}. */
  private static void checkName(String id, String what, String name) {
    String problem = Names.problem(what, name);
    if (problem != null) {
      throw new InvalidContactException(id, null, problem);
    }
  }

  /** Refuses a deal's or account's id that breaks the rule of {@link Names}. */
  private static void checkEntityId(String entity, String id) {
    String problem = Names.problem(id);
    if (problem != null) {
      throw new InvalidEntityException(entity, id, null, "the id " + problem);
    }
  }

  private FieldType checkField(String id, String field) {
    FieldType type = field == null ? null : schema.contactFields().get(field);
    if (type == null) {
      throw new InvalidContactException(id, field, "unknown field"
          + Suggestions.didYouMean(String.valueOf(field), schema.contactFields().keySet()));
    }
    return type;
  }

  private Object normalize(String id, String field, Object value) {
    return FieldValues.normalize(id, field, checkField(id, field), value);
  }
}
