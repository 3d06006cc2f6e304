package org.segmentdsl.json;

import org.segmentdsl.IndexBatch;
import org.segmentdsl.Names;
import org.segmentdsl.json.DataJson.Bad;

/**
 * The words of a change stream's refusals, in one place: a refused change is named by the JSON
 * Pointer of the member at fault and its op, {@code /id: op "setList": no such contact "c-9"},
 * and the line's location goes before ({@link ChangeLine.Rejected#located}). Whether it is
 * refused as it is read (a bad value, a bad name, an unknown field) or as it is applied (a
 * contact or account that does not exist at that point of the batch), the message reads the same
 * way.
 */
final class ChangeRefusals {
  private ChangeRefusals() {}

  /** What is wrong with a change whose op is {@code op}: {@code op "setField": what}. */
  static String ofOp(String op, String what) {
    return "op " + Names.quote(op) + ": " + what;
  }

  /** {@code POINTER: message}, or the message alone for the whole line (an empty pointer). */
  static String at(String pointer, String message) {
    return pointer.isEmpty() ? message : Names.escape(pointer) + ": " + message;
  }

  /**
   * Why {@code change} cannot apply at this point of {@code batch}, or null: a contact or account
   * that it names and that must exist does not. The pointer is relative to the change.
   */
  static Bad missing(Change change, IndexBatch batch) {
    if (change instanceof Change.AddTag c) {
      return contact(batch, change, "/id", c.id());
    } else if (change instanceof Change.RemoveTag c) {
      return contact(batch, change, "/id", c.id());
    } else if (change instanceof Change.SetField c) {
      return contact(batch, change, "/id", c.id());
    } else if (change instanceof Change.SetList c) {
      return contact(batch, change, "/id", c.id());
    } else if (change instanceof Change.SetAccount c) {
      Bad contact = contact(batch, change, "/id", c.id());
      return contact != null ? contact : account(batch, change, "/account", c.account());
    } else if (change instanceof Change.RecordEvent c) {
      return contact(batch, change, "/event/contact", c.event().contactId());
    } else if (change instanceof Change.UpsertContact c) {
      return account(batch, change, "/contact/account", c.contact().account());
    } else if (change instanceof Change.UpsertDeal c) {
      return contact(batch, change, "/deal/contact", c.deal().contactId());
    }
    return null; // removals are no-ops when there is nothing to remove; accounts need nothing
  }

  private static Bad contact(IndexBatch batch, Change change, String pointer, String id) {
    return batch.containsContact(id) ? null
        : new Bad(pointer, ofOp(change.op(), "no such contact " + Names.quote(id)));
  }

  /** A null account is none (a link cleared), which needs nothing. */
  private static Bad account(IndexBatch batch, Change change, String pointer, String id) {
    return id == null || batch.containsAccount(id) ? null
        : new Bad(pointer, ofOp(change.op(), "no such account " + Names.quote(id)));
  }
}
