package org.segmentdsl.condition;

/**
 * A visitor over {@link Condition} trees: one method per node kind, so that adding a kind breaks
 * every visitor at compile time.
 *
 * <pre>{@code
 * int tags = condition.accept(new ConditionVisitor<Integer>() {
 *   public Integer visitAll(All all) { return all.conditions().stream().mapToInt(c -> c.accept(this)).sum(); }
 *   public Integer visitAny(Any any) { return any.conditions().stream().mapToInt(c -> c.accept(this)).sum(); }
 *   public Integer visitNot(Not not) { return not.condition().accept(this); }
 *   public Integer visitTag(TagCondition tag) { return 1; }
 *   public Integer visitList(ListCondition list) { return 0; }
 *   public Integer visitField(FieldCondition field) { return 0; }
 *   public Integer visitEvent(EventCondition event) { return 0; }
 *   public Integer visitSegment(SegmentReference segment) { return 0; }
 *   public Integer visitDeal(DealCondition deal) { return 0; }
 *   public Integer visitAccount(AccountCondition account) { return 0; }
 * });
 * }</pre>
 *
 * @param <R> what a visit returns
 */
public interface ConditionVisitor<R> {
  /**
   * Visits an {@code all} node.
   *
   * @param all the node
   * @return the visit's result
   */
  R visitAll(All all);

  /**
   * Visits an {@code any} node.
   *
   * @param any the node
   * @return the visit's result
   */
  R visitAny(Any any);

  /**
   * Visits a {@code not} node.
   *
   * @param not the node
   * @return the visit's result
   */
  R visitNot(Not not);

  /**
   * Visits a tag condition.
   *
   * @param tag the node
   * @return the visit's result
   */
  R visitTag(TagCondition tag);

  /**
   * Visits a list condition.
   *
   * @param list the node
   * @return the visit's result
   */
  R visitList(ListCondition list);

  /**
   * Visits a field condition.
   *
   * @param field the node
   * @return the visit's result
   */
  R visitField(FieldCondition field);

  /**
   * Visits an event condition.
   *
   * @param event the node
   * @return the visit's result
   */
  R visitEvent(EventCondition event);

  /**
   * Visits a segment reference.
   *
   * @param segment the node
   * @return the visit's result
   */
  R visitSegment(SegmentReference segment);

  /**
   * Visits a deal condition.
   *
   * @param deal the node
   * @return the visit's result
   */
  R visitDeal(DealCondition deal);

  /**
   * Visits an account condition.
   *
   * @param account the node
   * @return the visit's result
   */
  R visitAccount(AccountCondition account);
}
