package org.segmentdsl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A deal as upserted into a {@link ContactIndex}: its id, the contact that owns it, and values of
 * the schema's deal fields. Immutable. Values are checked against the schema when the deal is
 * written to an index.
 *
 * <pre>{@code
 * Deal d = Deal.builder("d-77", "c-1001")
 *     .field("stage", "Qualified")
 *     .field("pipeline", "Sales")
 *     .field("value", 12_000)
 *     .build();
 * }</pre>
 *
 * @param id the deal's id; a name by the rule of {@link Names}
 * @param contactId the owning contact's id; a name by the rule of {@link Names}
 * @param fields value by deal field name (copied; an absent field is unset)
 */
public record Deal(String id, String contactId, Map<String, Object> fields) {
  /**
   * Checks the ids and copies the fields.
   *
   * @param id the deal's id
   * @param contactId the owning contact's id
   * @param fields value by deal field name
   * @throws InvalidEntityException if an id is null, empty or breaks the rule of {@link Names}, or
   *     a field name or value is null
   * @throws NullPointerException if {@code fields} is null
   */
  public Deal {
    if (id == null || id.isEmpty()) {
      throw new InvalidEntityException("deal", id, null, "deal id must be a non-empty string");
    }
    if (contactId == null || contactId.isEmpty()) {
      throw new InvalidEntityException("deal", id, null, "a deal needs its contact's id");
    }
    Entities.checkEntityName("deal", id, "the id", id);
    Entities.checkEntityName("deal", id, "the contact id " + Names.showName(contactId), contactId);
    fields = Entities.copyFields("deal", id, fields);
  }

  /**
   * A builder for the deal with that id, owned by that contact.
   *
   * @param id the deal's id; checked by {@link Builder#build}
   * @param contactId the owning contact's id; checked by {@link Builder#build}
   * @return a builder with no fields set
   */
  public static Builder builder(String id, String contactId) {
    return new Builder(id, contactId);
  }

  /** Builds a {@link Deal}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String contactId;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder(String id, String contactId) {
      this.id = id;
      this.contactId = contactId;
    }

    /**
     * Sets a field; {@code null} leaves it unset.
     *
     * @param name the deal field's name, not null
     * @param value the field's value, or {@code null} to unset it
     * @return this builder
     */
    public Builder field(String name, @Nullable Object value) {
      Entities.put(fields, name, value);
      return this;
    }

    /**
     * Builds the deal.
     *
     * @return the deal with the ids and the fields set so far
     * @throws InvalidEntityException if an id is null, empty or breaks the rule of {@link Names}
     */
    public Deal build() {
      return new Deal(id, contactId, fields);
    }
  }
}
