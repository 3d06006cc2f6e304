package org.segmentdsl.eval;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.ConditionWalker;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.SegmentReference;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.internal.write.Changes;

/**
 * What a condition reads of a contact (tags, lists, fields, event types, deals, the account),
 * through the segments it references: a contact's answer can change only if one of those
 * changed. Live segments skip the batches that changed nothing they read. The tree is walked
 * with {@link ConditionWalker}, whatever its depth.
 */
final class ConditionReads implements ConditionWalker.Visitor {
  private final SegmentRegistry segments;
  private final Set<String> visited = new HashSet<>();
  /** Referenced segments still to walk. */
  private final Deque<String> referenced = new ArrayDeque<>();
  private final Set<String> tags = new HashSet<>();
  private boolean anyTag;
  private final Set<String> lists = new HashSet<>();
  private final Set<String> fields = new HashSet<>();
  private final Set<String> eventTypes = new HashSet<>();
  private boolean deals;
  private boolean accounts;

  private ConditionReads(SegmentRegistry segments) {
    this.segments = segments;
  }

  /**
   * What {@code condition} reads, with references resolved in {@code segments}: each referenced
   * segment is walked once, after the document that references it, never from inside it.
   */
  static ConditionReads of(Condition condition, SegmentRegistry segments) {
    ConditionReads reads = new ConditionReads(segments);
    ConditionWalker.walk(condition, "/where", reads);
    while (!reads.referenced.isEmpty()) {
      reads.segments.get(reads.referenced.pop())
          .ifPresent(s -> ConditionWalker.walk(s.condition(), "/where", reads));
    }
    return reads;
  }

  /** Whether a commit with these changes may change the answer of some touched contact. */
  boolean mayChange(Changes changes) {
    return changes.everything()
        || deals && changes.deals()
        || accounts && changes.accounts()
        || !changes.tags().isEmpty() && (anyTag || intersects(tags, changes.tags()))
        || intersects(lists, changes.lists())
        || intersects(fields, changes.fields())
        || intersects(eventTypes, changes.eventTypes());
  }

  private static boolean intersects(Set<String> reads, Set<String> changed) {
    for (String s : changed) {
      if (reads.contains(s)) {
        return true;
      }
    }
    return false;
  }

  /** Notes what one node reads; a deal or account node is not entered: it reads all of it. */
  @Override
  public boolean enter(Condition node, ConditionWalker.Place place) {
    if (node instanceof TagCondition tag) {
      if (tag.op() == TagCondition.Op.EQ && !tag.ignoreCase()) {
        tags.add(tag.pattern());
      } else {
        anyTag = true;
      }
    } else if (node instanceof ListCondition list) {
      lists.add(list.list());
    } else if (node instanceof FieldCondition field) {
      fields.add(field.field());
    } else if (node instanceof EventCondition event) {
      eventTypes.add(event.type());
    } else if (node instanceof SegmentReference segment) {
      if (visited.add(segment.segmentId())) {
        referenced.push(segment.segmentId());
      }
    } else if (node instanceof DealCondition) {
      deals = true; // a deal's fields or owner
      return false;
    } else if (node instanceof AccountCondition) {
      accounts = true; // the account's fields or the contact's link
      return false;
    }
    return true;
  }
}
