package org.segmentdsl;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.condition.Condition;

/**
 * A named audience: an id, a name, a description and the condition contacts must match.
 * Immutable; equal segments have equal conditions.
 *
 * <pre>{@code
 * Segment leads = Segment.builder()
 *     .id("engaged-crm-leads")
 *     .name("Engaged Leads - CRM Interest")
 *     .where(all(tag("interest-crm"), not(tag("status-customer"))))
 *     .build();
 * }</pre>
 *
 * @param id {@code [a-z0-9][a-z0-9._-]{0,127}}, or {@code null}
 * @param name at most 200 characters, or {@code null}
 * @param description at most 4,000 characters, or {@code null}
 * @param condition what members match
 * @param metadata user metadata: keys starting with {@code x-}, each mapped to its value as JSON
 *     text (for example {@code "x-owner" -> "{\"team\":\"growth\"}"}); kept by saved-segment JSON
 *     on a round trip, ignored by evaluation; sorted by key, never null
 */
public record Segment(@Nullable String id, @Nullable String name, @Nullable String description,
    Condition condition, SortedMap<String, String> metadata) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

  /**
   * Checks the values and copies the metadata.
   *
   * @param id the segment's id, or {@code null}
   * @param name the segment's name, or {@code null}
   * @param description the segment's description, or {@code null}
   * @param condition what members match, not null
   * @param metadata user metadata by key, or {@code null} for none
   * @throws IllegalArgumentException if the id is invalid ({@link #isValidId}), the name or the
   *     description is too long, or a metadata key does not start with {@code x-}
   * @throws NullPointerException if {@code condition} or a metadata value is null
   */
  public Segment {
    if (id != null && !isValidId(id)) {
      throw new IllegalArgumentException(
          "segment id " + Names.show(id) + " must match [a-z0-9][a-z0-9._-]{0,127}");
    }
    if (name != null && name.length() > 200) {
      throw new IllegalArgumentException("segment name is longer than 200 characters");
    }
    if (description != null && description.length() > 4000) {
      throw new IllegalArgumentException("segment description is longer than 4000 characters");
    }
    Objects.requireNonNull(condition, "condition");
    TreeMap<String, String> copy = new TreeMap<>();
    if (metadata != null) {
      metadata.forEach((key, json) -> {
        if (key == null || !key.startsWith("x-")) {
          throw new IllegalArgumentException(
              "segment metadata keys start with \"x-\", got " + Names.show(key));
        }
        copy.put(key, Objects.requireNonNull(json, "metadata value of " + key));
      });
    }
    metadata = Collections.unmodifiableSortedMap(copy);
  }

  /**
   * A segment without metadata.
   *
   * @param id the segment's id, or {@code null}
   * @param name the segment's name, or {@code null}
   * @param description the segment's description, or {@code null}
   * @param condition what members match, not null
   * @throws IllegalArgumentException if a value is refused, as by the canonical constructor
   */
  public Segment(@Nullable String id, @Nullable String name, @Nullable String description,
      Condition condition) {
    this(id, name, description, condition, null);
  }

  /**
   * A segment with only a condition: no id, name, description or metadata.
   *
   * @param condition what members match, not null
   * @return the segment
   */
  public static Segment of(Condition condition) {
    return new Segment(null, null, null, condition);
  }

  /**
   * {@return whether a string is a valid segment id: {@code [a-z0-9][a-z0-9._-]{0,127}}}
   *
   * @param id the string; {@code null} is not a valid id
   */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** {@return a new builder with nothing set} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the Java expression that builds this segment, on one line} {@code Segment.of(<the
   * condition>)} when nothing but the condition is set, else {@code
   * Segment.builder().id("…").name("…").description("…").where(<the condition>).metadata("x-…",
   * "…").build()} with only the parts that are set; the condition is printed as its {@code
   * toString} prints it (see {@link Condition}), strings as escaped Java literals.
   */
  @Override
  public String toString() {
    String where = condition.toString();
    if (id == null && name == null && description == null && metadata.isEmpty()) {
      return "Segment.of(" + where + ")";
    }
    StringBuilder sb = new StringBuilder("Segment.builder()");
    if (id != null) {
      sb.append(".id(").append(quote(id)).append(')');
    }
    if (name != null) {
      sb.append(".name(").append(quote(name)).append(')');
    }
    if (description != null) {
      sb.append(".description(").append(quote(description)).append(')');
    }
    sb.append(".where(").append(where).append(')');
    metadata.forEach((key, json) -> sb.append(".metadata(").append(quote(key))
        .append(", ").append(quote(json)).append(')'));
    return sb.append(".build()").toString();
  }

  private static String quote(String s) {
    return org.segmentdsl.internal.JavaLiterals.quote(s);
  }

  /** Builds a {@link Segment}; {@link #where} is required. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String name;
    private String description;
    private Condition condition;
    private final TreeMap<String, String> metadata = new TreeMap<>();

    private Builder() {}

    /**
     * Sets the id.
     *
     * @param id the segment's id, valid by {@link Segment#isValidId}
     * @return this builder
     * @throws IllegalArgumentException if the id is null or invalid
     */
    public Builder id(String id) {
      if (!isValidId(id)) {
        throw new IllegalArgumentException(
            "segment id " + Names.show(id) + " must match [a-z0-9][a-z0-9._-]{0,127}");
      }
      this.id = id;
      return this;
    }

    /**
     * Sets the name.
     *
     * @param name at most 200 characters, or {@code null} for none
     * @return this builder
     */
    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description at most 4,000 characters, or {@code null} for none
     * @return this builder
     */
    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets the condition members match.
     *
     * @param condition the condition, not null
     * @return this builder
     */
    public Builder where(Condition condition) {
      this.condition = Objects.requireNonNull(condition, "condition");
      return this;
    }

    /**
     * Adds user metadata: {@code key} starts with {@code x-}, {@code json} is its value as JSON
     * text (the saved-segment JSON writer emits it as is).
     *
     * @param key the key, starting with {@code x-}
     * @param json the value as JSON text, not null; not checked here
     * @return this builder
     * @throws IllegalArgumentException if {@code key} is null or does not start with {@code x-}
     */
    public Builder metadata(String key, String json) {
      if (key == null || !key.startsWith("x-")) {
        throw new IllegalArgumentException(
            "segment metadata keys start with \"x-\", got " + Names.show(key));
      }
      metadata.put(key, Objects.requireNonNull(json, "json"));
      return this;
    }

    /**
     * Builds the segment.
     *
     * @return the segment
     * @throws IllegalStateException if no condition was set with {@link #where}
     * @throws IllegalArgumentException if the name or the description is too long
     */
    public Segment build() {
      if (condition == null) {
        throw new IllegalStateException("segment needs a condition: call where(...)");
      }
      return new Segment(id, name, description, condition, metadata);
    }
  }
}
