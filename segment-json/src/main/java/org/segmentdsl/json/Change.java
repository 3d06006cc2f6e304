package org.segmentdsl.json;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.Deal;
import org.segmentdsl.Event;
import org.segmentdsl.IndexBatch;
import org.segmentdsl.ListStatus;

/**
 * One change of a change stream ({@code docs/live-segments.md}, "Change stream format"): one
 * record per {@code op}. A change read by {@link ChangeStream} has been checked against the
 * schema as the dataset format checks the same data; what depends on the index's state (a
 * contact or account that must exist at that point of the batch) is checked by the {@link
 * IndexBatch} it is applied to, which then throws and drops the whole batch.
 *
 * <pre>{@code
 * Change tag = new Change.AddTag("c-1", "vip");
 * index.update(tag::applyTo);
 * }</pre>
 */
public sealed interface Change {
  /**
   * Applies this change to a batch, at that point of it.
   *
   * @param batch the batch, inside its {@link org.segmentdsl.ContactIndex#update} call
   * @throws IllegalArgumentException if the batch refuses the change (an {@link
   *     org.segmentdsl.InvalidContactException} or {@link org.segmentdsl.InvalidEntityException}):
   *     a contact or account that must exist does not, or a value does not fit the schema
   */
  void applyTo(IndexBatch batch);

  /** {@return the change's {@code op} as a change stream spells it ({@code "addTag"})} */
  String op();

  /**
   * {@code upsertContact}: adds a contact, or replaces all of an existing one's tags, lists,
   * fields and account link (its events and deals stay).
   */
  record UpsertContact(Contact contact) implements Change {
    /**
     * Checks that the contact is not null.
     *
     * @param contact the whole contact, not null
     */
    public UpsertContact {
      Objects.requireNonNull(contact, "contact");
    }

    @Override
    public String op() {
      return "upsertContact";
    }

    @Override
    public void applyTo(IndexBatch batch) {
      batch.upsert(contact);
    }
  }

  /** {@code removeContact}: removes a contact with its events and deals; no-op if there is none. */
  record RemoveContact(String id) implements Change {
    /**
     * Checks that the id is not null.
     *
     * @param id the contact's id, not null
     */
    public RemoveContact {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String op() {
      return "removeContact";
    }

    @Override
    public void applyTo(IndexBatch batch) {
      batch.remove(id);
    }
  }

  /** {@code addTag}: adds a tag to an existing contact. */
  record AddTag(String id, String tag) implements Change {
    /**
     * Checks that the required parts are not null.
     *
     * @param id the contact's id, not null
     * @param tag the tag, not null
     */
    public AddTag {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(tag, "tag");
    }

    @Override
    public String op() {
      return "addTag";
    }

    @Override
    public void applyTo(IndexBatch batch) {
      batch.addTag(id, tag);
    }
  }

  /** {@code removeTag}: removes a tag from an existing contact; no-op if it does not carry it. */
  record RemoveTag(String id, String tag) implements Change {
    /**
     * Checks that the required parts are not null.
     *
     * @param id the contact's id, not null
     * @param tag the tag, not null
     */
    public RemoveTag {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(tag, "tag");
    }

    @Override
    public String op() {
      return "removeTag";
    }

    @Override
    public void applyTo(IndexBatch batch) {
      batch.removeTag(id, tag);
    }
  }

  /**
   * {@code setField}: sets a field of an existing contact.
   *
   * @param value the typed value (as {@link Contact.Builder#field} takes it), or {@code null} to
   *     clear the field
   */
  record SetField(String id, String field, @Nullable Object value) implements Change {
    /**
     * Checks that the required parts are not null.
     *
     * @param id the contact's id, not null
     * @param field the field's name, not null
     * @param value the typed value, or {@code null} to clear the field
     */
    public SetField {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(field, "field");
    }

    @Override
    public String op() {
      return "setField";
    }

    @Override
    public void applyTo(IndexBatch batch) {
      batch.setField(id, field, value);
    }
  }

  /**
   * {@code setList}: sets an existing contact's status on a list.
   *
   * @param status the status, or {@code null} to take the contact off the list
   */
  record SetList(String id, String list, @Nullable ListStatus status) implements Change {
    /**
     * Checks that the required parts are not null.
     *
     * @param id the contact's id, not null
     * @param list the list's name, not null
     * @param status the status, or {@code null} to take the contact off the list
     */
    public SetList {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(list, "list");
    }

    @Override
    public String op() {
      return "setList";
    }

    @Override
    public void applyTo(IndexBatch batch) {
      if (status == null) {
        batch.leaveList(id, list);
      } else {
        batch.setListStatus(id, list, status);
      }
    }
  }

  /**
   * {@code setAccount}: links an existing contact to an existing account.
   *
   * @param account the account's id, or {@code null} to clear the link
   */
  record SetAccount(String id, @Nullable String account) implements Change {
    /**
     * Checks that the id is not null.
     *
     * @param id the contact's id, not null
     * @param account the account's id, or {@code null} to clear the link
     */
    public SetAccount {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String op() {
      return "setAccount";
    }

    @Override
    public void applyTo(IndexBatch batch) {
      batch.setAccount(id, account);
    }
  }

  /** {@code event}: records an event of an existing contact. */
  record RecordEvent(Event event) implements Change {
    /**
     * Checks that the event is not null.
     *
     * @param event the event, not null
     */
    public RecordEvent {
      Objects.requireNonNull(event, "event");
    }

    @Override
    public String op() {
      return "event";
    }

    @Override
    public void applyTo(IndexBatch batch) {
      batch.record(event);
    }
  }

  /** {@code upsertAccount}: adds an account or replaces its fields. */
  record UpsertAccount(Account account) implements Change {
    /**
     * Checks that the account is not null.
     *
     * @param account the whole account, not null
     */
    public UpsertAccount {
      Objects.requireNonNull(account, "account");
    }

    @Override
    public String op() {
      return "upsertAccount";
    }

    @Override
    public void applyTo(IndexBatch batch) {
      batch.upsertAccount(account);
    }
  }

  /**
   * {@code removeAccount}: removes an account (its contacts stay, without an account); no-op if
   * there is none.
   */
  record RemoveAccount(String id) implements Change {
    /**
     * Checks that the id is not null.
     *
     * @param id the account's id, not null
     */
    public RemoveAccount {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String op() {
      return "removeAccount";
    }

    @Override
    public void applyTo(IndexBatch batch) {
      batch.removeAccount(id);
    }
  }

  /**
   * {@code upsertDeal}: adds a deal or replaces it whole, owner included; its contact must
   * exist.
   */
  record UpsertDeal(Deal deal) implements Change {
    /**
     * Checks that the deal is not null.
     *
     * @param deal the whole deal, not null
     */
    public UpsertDeal {
      Objects.requireNonNull(deal, "deal");
    }

    @Override
    public String op() {
      return "upsertDeal";
    }

    @Override
    public void applyTo(IndexBatch batch) {
      batch.upsertDeal(deal);
    }
  }

  /** {@code removeDeal}: removes a deal; no-op if there is none. */
  record RemoveDeal(String id) implements Change {
    /**
     * Checks that the id is not null.
     *
     * @param id the deal's id, not null
     */
    public RemoveDeal {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String op() {
      return "removeDeal";
    }

    @Override
    public void applyTo(IndexBatch batch) {
      batch.removeDeal(id);
    }
  }
}
