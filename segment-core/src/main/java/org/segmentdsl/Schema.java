package org.segmentdsl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The typed fields of contacts, deals and accounts. Immutable and thread-safe.
 *
 * <pre>{@code
 * Schema schema = Schema.builder()
 *     .contactField("country", FieldType.STRING)
 *     .contactField("company_size", FieldType.NUMBER)
 *     .contactField("signup_date", FieldType.DATE)
 *     .dealField("stage", FieldType.STRING)
 *     .build();
 * }</pre>
 */
public final class Schema {
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

  private final Map<String, FieldType> contactFields;
  private final Map<String, FieldType> dealFields;
  private final Map<String, FieldType> accountFields;

  private Schema(Builder b) {
    this.contactFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.contact));
    this.dealFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.deal));
    this.accountFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.account));
  }

  /** {@return a new builder with no fields} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the contact fields by name, in declaration order} */
  public Map<String, FieldType> contactFields() {
    return contactFields;
  }

  /** {@return the deal fields by name, in declaration order} */
  public Map<String, FieldType> dealFields() {
    return dealFields;
  }

  /** {@return the account fields by name, in declaration order} */
  public Map<String, FieldType> accountFields() {
    return accountFields;
  }

  /**
   * {@return the type of a contact field, if declared}
   *
   * @param name the field's name
   */
  public Optional<FieldType> contactField(String name) {
    return Optional.ofNullable(contactFields.get(name));
  }

  /**
   * {@return whether a string is a valid field name: {@code [A-Za-z_][A-Za-z0-9_.-]{0,127}}}
   *
   * @param name the string; {@code null} is not a valid name
   */
  public static boolean isValidFieldName(String name) {
    return name != null && FIELD_NAME.matcher(name).matches();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s && contactFields.equals(s.contactFields)
        && dealFields.equals(s.dealFields) && accountFields.equals(s.accountFields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(contactFields, dealFields, accountFields);
  }

  @Override
  public String toString() {
    return "Schema{contact=" + contactFields + ", deal=" + dealFields + ", account="
        + accountFields + "}";
  }

  /** Builds a {@link Schema}; every name is checked where it is given. Not thread-safe. */
  public static final class Builder {
    private final Map<String, FieldType> contact = new LinkedHashMap<>();
    private final Map<String, FieldType> deal = new LinkedHashMap<>();
    private final Map<String, FieldType> account = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Declares a contact field.
     *
     * @param name the field's name, valid by {@link Schema#isValidFieldName}
     * @param type the field's type, not null
     * @return this builder
     * @throws IllegalArgumentException if the name is invalid or already declared for contacts
     */
    public Builder contactField(String name, FieldType type) {
      return put(contact, "contact", name, type);
    }

    /**
     * Declares a deal field.
     *
     * @param name the field's name, valid by {@link Schema#isValidFieldName}
     * @param type the field's type, not null
     * @return this builder
     * @throws IllegalArgumentException if the name is invalid or already declared for deals
     */
    public Builder dealField(String name, FieldType type) {
      return put(deal, "deal", name, type);
    }

    /**
     * Declares an account field.
     *
     * @param name the field's name, valid by {@link Schema#isValidFieldName}
     * @param type the field's type, not null
     * @return this builder
     * @throws IllegalArgumentException if the name is invalid or already declared for accounts
     */
    public Builder accountField(String name, FieldType type) {
      return put(account, "account", name, type);
    }

    private Builder put(Map<String, FieldType> to, String entity, String name, FieldType type) {
      Objects.requireNonNull(type, "type");
      if (!isValidFieldName(name)) {
        throw new IllegalArgumentException("invalid " + entity + " field name " + Names.show(name)
            + ": expected [A-Za-z_][A-Za-z0-9_.-]{0,127}");
      }
      if (to.putIfAbsent(name, type) != null) {
        throw new IllegalArgumentException(entity + " field " + Names.quote(name)
            + " declared twice");
      }
      return this;
    }

    /** {@return the schema of the fields declared so far} */
    public Schema build() {
      return new Schema(this);
    }
  }
}
