package org.segmentdsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A whole contact as upserted into a {@link ContactIndex}: its id, tags, list statuses and field
 * values, and its account. Immutable. The id, tags, list names and account id follow the rule of
 * {@link Names} (checked here); values are checked against the schema when the contact is written
 * to an index.
 *
 * <pre>{@code
 * Contact c = Contact.builder("c-1001")
 *     .tags("interest-crm", "source-webinar")
 *     .list("newsletter", ListStatus.SUBSCRIBED)
 *     .field("country", "US")
 *     .field("company_size", 120)
 *     .field("signup_date", LocalDate.of(2026, 10, 2))
 *     .build();
 * }</pre>
 *
 * @param id the user's id; a name by the rule of {@link Names}, as are tags, list names and the
 *     account id
 * @param tags the tags (copied)
 * @param lists status by list name (copied)
 * @param fields value by field name (copied; no nulls: an absent field is unset)
 * @param account the id of the contact's account, or {@code null} for none
 */
public record Contact(String id, Set<String> tags, Map<String, ListStatus> lists,
    Map<String, Object> fields, @Nullable String account) {

  /**
   * Checks the values and copies the collections.
   *
   * @param id the contact's id
   * @param tags the tags, not null
   * @param lists status by list name, not null
   * @param fields value by field name, not null
   * @param account the id of the contact's account, or {@code null} for none
   * @throws InvalidContactException if the id, a tag, a list name or the account id is empty or
   *     breaks the rule of {@link Names}, the id is null, or a tag, list name, status, field name
   *     or field value is null
   * @throws NullPointerException if {@code tags}, {@code lists} or {@code fields} is null
   */
  public Contact {
    if (id == null || id.isEmpty()) {
      throw new InvalidContactException(id, null, "contact id must be a non-empty string");
    }
    Entities.checkContactId(id, id, "the id");
    tags = Collections.unmodifiableSet(new LinkedHashSet<>(tags));
    for (String t : tags) {
      if (t == null || t.isEmpty()) {
        throw new InvalidContactException(id, null, "tags must be non-empty strings");
      }
      Entities.checkContactName(id, "tag", t);
    }
    lists = Collections.unmodifiableMap(new LinkedHashMap<>(lists));
    lists.forEach((k, v) -> {
      if (k == null || k.isEmpty() || v == null) {
        throw new InvalidContactException(id, null, "list names must be non-empty, statuses non-null");
      }
      Entities.checkContactName(id, "list name", k);
    });
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    fields.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new InvalidContactException(id, k, "field names and values must be non-null");
      }
    });
    if (account != null && account.isEmpty()) {
      throw new InvalidContactException(id, null, "an account id must be a non-empty string");
    }
    if (account != null) {
      Entities.checkContactName(id, "account id", account);
    }
  }

  /**
   * A contact without an account.
   *
   * @param id the contact's id
   * @param tags the tags (copied), not null
   * @param lists status by list name (copied), not null
   * @param fields value by field name (copied), not null
   * @throws InvalidContactException if a value is refused, as by the canonical constructor
   */
  public Contact(
      String id, Set<String> tags, Map<String, ListStatus> lists, Map<String, Object> fields) {
    this(id, tags, lists, fields, null);
  }

  /**
   * A builder for the contact with that id.
   *
   * @param id the contact's id; checked by {@link Builder#build}
   * @return a builder with no tags, lists, fields or account
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds a {@link Contact}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final Set<String> tags = new LinkedHashSet<>();
    private final Map<String, ListStatus> lists = new LinkedHashMap<>();
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private String account;

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Adds tags.
     *
     * @param tags the tags, none null
     * @return this builder
     */
    public Builder tags(String... tags) {
      for (String t : tags) {
        this.tags.add(Objects.requireNonNull(t, "tag"));
      }
      return this;
    }

    /**
     * Adds tags.
     *
     * @param tags the tags, none null
     * @return this builder
     */
    public Builder tags(Iterable<String> tags) {
      for (String t : tags) {
        this.tags.add(Objects.requireNonNull(t, "tag"));
      }
      return this;
    }

    /**
     * Sets the status on a list.
     *
     * @param list the list's name, not null
     * @param status the contact's status on it, not null
     * @return this builder
     */
    public Builder list(String list, ListStatus status) {
      lists.put(Objects.requireNonNull(list, "list"), Objects.requireNonNull(status, "status"));
      return this;
    }

    /**
     * Sets a field; {@code null} leaves it unset.
     *
     * @param name the field's name, not null
     * @param value the field's value, or {@code null} to unset it
     * @return this builder
     */
    public Builder field(String name, @Nullable Object value) {
      Objects.requireNonNull(name, "name");
      if (value == null) {
        fields.remove(name);
      } else {
        fields.put(name, value);
      }
      return this;
    }

    /**
     * Links the contact to an account (which must exist when the contact is written).
     *
     * @param accountId the account's id, or {@code null} for none
     * @return this builder
     */
    public Builder account(@Nullable String accountId) {
      this.account = accountId;
      return this;
    }

    /**
     * Builds the contact.
     *
     * @return the contact with the id and everything set so far
     * @throws InvalidContactException if a value is refused, as by the canonical constructor
     */
    public Contact build() {
      return new Contact(id, tags, lists, fields, account);
    }
  }
}
