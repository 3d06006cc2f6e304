package org.segmentdsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Checks shared by {@link Contact}, {@link Event}, {@link Deal} and {@link Account}. */
final class Entities {
  private Entities() {}

  /**
   * Refuses a non-empty id or name that breaks the rule of {@link Names}; {@code what} names it
   * in the message ({@code "the id"}, {@code "the type"}), which then quotes only the contact.
   */
  static void checkContactId(String contactId, String name, String what) {
    String problem = Names.problem(name);
    if (problem != null) {
      throw new InvalidContactException(contactId, null, what + " " + problem);
    }
  }

  /** Refuses a contact's tag, list name, ... that breaks the rule of {@link Names}. */
  static void checkContactName(String contactId, String what, String name) {
    String problem = Names.problem(what, name);
    if (problem != null) {
      throw new InvalidContactException(contactId, null, problem);
    }
  }

  /** Refuses a deal's or account's id, or a deal's contact id, that breaks the rule. */
  static void checkEntityName(String entity, String id, String what, String name) {
    String problem = Names.problem(name);
    if (problem != null) {
      throw new InvalidEntityException(entity, id, null, what + " " + problem);
    }
  }

  static Map<String, Object> copyFields(String entity, String id, Map<String, Object> fields) {
    Map<String, Object> copy = new LinkedHashMap<>(Objects.requireNonNull(fields, "fields"));
    copy.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new InvalidEntityException(entity, id, k, "field names and values must be non-null");
      }
    });
    return Collections.unmodifiableMap(copy);
  }

  static void put(Map<String, Object> fields, String name, Object value) {
    Objects.requireNonNull(name, "name");
    if (value == null) {
      fields.remove(name);
    } else {
      fields.put(name, value);
    }
  }
}
