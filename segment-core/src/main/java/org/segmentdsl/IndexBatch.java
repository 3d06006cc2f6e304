package org.segmentdsl;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The mutations of one {@link ContactIndex#update batch}. Each call checks its input at once and
 * throws {@link InvalidContactException} naming the contact and field; when it does, the whole
 * batch is dropped and the index stays as it was. Readers see all of a batch or none of it.
 * Ids, tags, list names, event types and property names follow the rule of {@link Names}
 * (non-empty, at most 1,024 characters, valid Unicode, no control characters); the deal and
 * account calls throw {@link InvalidEntityException} in the same way.
 * Mutations apply in call order, so a batch may add a contact and then tag it.
 *
 * <p>A batch is valid only inside the {@code update} call that created it and only on that
 * thread.
 *
 * <pre>{@code
 * index.update(batch -> batch
 *     .upsert(Contact.builder("c-1").tags("lead").build())
 *     .setField("c-1", "country", "US")
 *     .setListStatus("c-1", "newsletter", ListStatus.SUBSCRIBED)
 *     .remove("c-0"));
 * }</pre>
 */
public interface IndexBatch {
  /**
   * Adds a contact, or replaces all of an existing one's tags, lists, fields and account link
   * (its events and deals stay).
   *
   * @param contact the whole contact, not null
   * @return this batch
   * @throws InvalidContactException if a field is not in the schema or its value does not fit
   *     the field's type, or the contact's account does not exist
   */
  IndexBatch upsert(Contact contact);

  /**
   * Removes a contact and everything recorded about it (its events and deals); no-op if there is
   * no such contact.
   *
   * @param id the contact's id, not null
   * @return this batch
   * @throws InvalidContactException if {@code id} is null, empty or breaks the rule of {@link
   *     Names}
   */
  IndexBatch remove(String id);

  /**
   * Adds a tag to an existing contact.
   *
   * @param id the contact's id
   * @param tag the tag
   * @return this batch
   * @throws InvalidContactException if there is no such contact, or the tag is null, empty or
   *     breaks the rule of {@link Names}
   */
  IndexBatch addTag(String id, String tag);

  /**
   * Removes a tag from an existing contact (no-op if it does not carry it).
   *
   * @param id the contact's id
   * @param tag the tag
   * @return this batch
   * @throws InvalidContactException if there is no such contact, or the tag is null, empty or
   *     breaks the rule of {@link Names}
   */
  IndexBatch removeTag(String id, String tag);

  /**
   * Sets a field of an existing contact; {@code null} clears it.
   *
   * @param id the contact's id
   * @param field the field's name, as declared in the schema
   * @param value the value, of the Java type of the field's {@link FieldType}, or {@code null}
   * @return this batch
   * @throws InvalidContactException if there is no such contact, the field is not in the
   *     schema, or the value does not fit its type
   */
  IndexBatch setField(String id, String field, @Nullable Object value);

  /**
   * Clears a field of an existing contact.
   *
   * @param id the contact's id
   * @param field the field's name, as declared in the schema
   * @return this batch
   * @throws InvalidContactException if there is no such contact, or the field is not in the
   *     schema
   */
  IndexBatch clearField(String id, String field);

  /**
   * Sets an existing contact's status on a list (one status per list).
   *
   * @param id the contact's id
   * @param list the list's name
   * @param status the status, not null
   * @return this batch
   * @throws InvalidContactException if there is no such contact, the list name is null, empty
   *     or breaks the rule of {@link Names}, or the status is null
   */
  IndexBatch setListStatus(String id, String list, ListStatus status);

  /**
   * Takes an existing contact off a list (no status at all).
   *
   * @param id the contact's id
   * @param list the list's name
   * @return this batch
   * @throws InvalidContactException if there is no such contact, or the list name is null,
   *     empty or breaks the rule of {@link Names}
   */
  IndexBatch leaveList(String id, String list);

  /**
   * Records an event of an existing contact (one added earlier in this batch counts). Events may
   * come in any order and at any time; removing the contact removes its events.
   *
   * @param event the event, not null
   * @return this batch
   * @throws InvalidContactException if the event's contact does not exist
   */
  IndexBatch record(Event event);

  /**
   * Records every event of a buffer, as {@link #record} would one by one (in the buffer's order),
   * looking each contact up once: the way to record many events. Each contact must exist at this
   * point of the batch. The buffer is read during the call and may be cleared or refilled after.
   *
   * @param events the buffer, not null
   * @return this batch
   * @throws InvalidContactException if an event's contact does not exist
   */
  default IndexBatch recordAll(EventBuffer events) {
    Objects.requireNonNull(events, "events").recordIn(this);
    return this;
  }

  /**
   * Links an existing contact to an account, which must exist at this point of the batch; {@code
   * null} clears the link. A contact has at most one account.
   *
   * @param id the contact's id
   * @param accountId the account's id, or {@code null} to clear the link
   * @return this batch
   * @throws InvalidContactException if there is no such contact or account, or the account
   *     id is empty or breaks the rule of {@link Names}
   */
  IndexBatch setAccount(String id, @Nullable String accountId);

  /**
   * Adds an account, or replaces all of an existing one's fields.
   *
   * @param account the whole account, not null
   * @return this batch
   * @throws InvalidEntityException if a field is not in the schema's account fields or its value
   *     does not fit the field's type
   */
  IndexBatch upsertAccount(Account account);

  /**
   * Removes an account; the contacts linked to it lose the link (they stay, without an account).
   * No-op if there is no such account.
   *
   * @param accountId the account's id
   * @return this batch
   * @throws InvalidEntityException if {@code accountId} breaks the rule of {@link Names}
   */
  IndexBatch removeAccount(String accountId);

  /**
   * Adds a deal, or replaces an existing one (its fields and owner). Its contact must exist at
   * this point of the batch; removing the contact removes its deals.
   *
   * @param deal the whole deal, not null
   * @return this batch
   * @throws InvalidEntityException if its contact does not exist, or a field is not in the
   *     schema's deal fields or its value does not fit the field's type
   */
  IndexBatch upsertDeal(Deal deal);

  /**
   * Removes a deal; no-op if there is no such deal.
   *
   * @param dealId the deal's id
   * @return this batch
   * @throws InvalidEntityException if {@code dealId} breaks the rule of {@link Names}
   */
  IndexBatch removeDeal(String dealId);

  /**
   * Whether a contact with this id exists at this point of the batch: one added earlier in the
   * batch counts, one removed earlier does not. A caller can so refuse a change in its own words
   * before the batch would (a change stream names the line, the member and the op).
   *
   * <pre>{@code
   * index.update(batch -> {
   *   if (batch.containsContact("c-1")) {
   *     batch.addTag("c-1", "vip");
   *   }
   * });
   * }</pre>
   *
   * @param id the contact's id; {@code null} is no contact's
   * @return whether the contact exists now
   */
  boolean containsContact(String id);

  /**
   * Whether an account with this id exists at this point of the batch, as {@link
   * #containsContact} for contacts.
   *
   * @param id the account's id; {@code null} is no account's
   * @return whether the account exists now
   */
  boolean containsAccount(String id);
}
