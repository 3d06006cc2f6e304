package org.segmentdsl.eval;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.ConditionVisitor;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.SegmentReference;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.internal.write.Changes;

/**
 * What a condition reads of a contact (tags, lists, fields, event types, deals, the account),
 * through the segments it references: a contact's answer can change only if one of those
 * changed. Live segments skip the batches that changed nothing they read.
 */
final class ConditionReads implements ConditionVisitor<Void> {
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
    condition.accept(reads);
    while (!reads.referenced.isEmpty()) {
      reads.segments.get(reads.referenced.pop()).ifPresent(s -> s.condition().accept(reads));
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

  @Override
  public Void visitAll(All all) {
    all.conditions().forEach(c -> c.accept(this));
    return null;
  }

  @Override
  public Void visitAny(Any any) {
    any.conditions().forEach(c -> c.accept(this));
    return null;
  }

  @Override
  public Void visitNot(Not not) {
    return not.condition().accept(this);
  }

  @Override
  public Void visitTag(TagCondition tag) {
    if (tag.op() == TagCondition.Op.EQ && !tag.ignoreCase()) {
      tags.add(tag.pattern());
    } else {
      anyTag = true;
    }
    return null;
  }

  @Override
  public Void visitList(ListCondition list) {
    lists.add(list.list());
    return null;
  }

  @Override
  public Void visitField(FieldCondition field) {
    fields.add(field.field());
    return null;
  }

  @Override
  public Void visitEvent(EventCondition event) {
    eventTypes.add(event.type());
    return null;
  }

  @Override
  public Void visitSegment(SegmentReference segment) {
    if (visited.add(segment.segmentId())) {
      referenced.push(segment.segmentId());
    }
    return null;
  }

  @Override
  public Void visitDeal(DealCondition deal) {
    deals = true; // a deal's fields or owner
    return null;
  }

  @Override
  public Void visitAccount(AccountCondition account) {
    accounts = true; // the account's fields or the contact's link
    return null;
  }
}
