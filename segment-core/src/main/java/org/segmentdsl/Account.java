package org.segmentdsl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An account (a company) as upserted into a {@link ContactIndex}: its id and values of the
 * schema's account fields. Contacts point to their account with {@link Contact.Builder#account} or
 * {@link IndexBatch#setAccount}. Immutable.
 *
 * <pre>{@code
 * Account acme = Account.builder("acme").field("industry", "SaaS").field("employees", 420).build();
 * }</pre>
 *
 * @param id the account's id; a name by the rule of {@link Names}
 * @param fields value by account field name (copied; an absent field is unset)
 */
public record Account(String id, Map<String, Object> fields) {
  /**
   * Checks the id and copies the fields.
   *
   * @param id the account's id
   * @param fields value by account field name
   * @throws InvalidEntityException if the id is null, empty or breaks the rule of {@link Names},
   *     or a field name or value is null
   * @throws NullPointerException if {@code fields} is null
   */
  public Account {
    if (id == null || id.isEmpty()) {
      throw new InvalidEntityException("account", id, null,
          "account id must be a non-empty string");
    }
    Entities.checkEntityName("account", id, "the id", id);
    fields = Entities.copyFields("account", id, fields);
  }

  /**
   * A builder for the account with that id.
   *
   * @param id the account's id; checked by {@link Builder#build}
   * @return a builder with no fields set
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds an {@link Account}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Sets a field; {@code null} leaves it unset.
     *
     * @param name the account field's name, not null
     * @param value the field's value, or {@code null} to unset it
     * @return this builder
     */
    public Builder field(String name, @Nullable Object value) {
      Entities.put(fields, name, value);
      return this;
    }

    /**
     * Builds the account.
     *
     * @return the account with the id and the fields set so far
     * @throws InvalidEntityException if the id is null, empty or breaks the rule of {@link Names}
     */
    public Account build() {
      return new Account(id, fields);
    }
  }
}
