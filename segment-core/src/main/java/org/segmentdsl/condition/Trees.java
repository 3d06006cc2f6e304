package org.segmentdsl.condition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * {@code equals} and {@code hashCode} of the records that nest conditions ({@link All}, {@link
 * Any}, {@link Not}, {@link DealCondition}, {@link AccountCondition}), walked with an explicit
 * stack ({@code toString} is {@link DslText}'s, which walks the same way). A tree built in Java
 * is not bounded by the format's limits until it is evaluated, registered or written, and the
 * methods a record generates recurse once per level: a tree 100,000 levels deep would overflow
 * the thread's stack in {@code equals} alone. These give what the generated methods give (the
 * same equality) on a stack that grows with at most the first 32 levels; the hash is the tree's
 * own, consistent with {@code equals}.
 */
final class Trees {
  /**
   * Levels compared and hashed by plain recursion, which is cheaper than a stack of our own for
   * the trees the format allows (32 levels); below them the explicit stack takes over.
   */
  private static final int RECURSION = 32;

  private Trees() {}

  /** Children of a nesting node, or -1 for a leaf (whose record methods do not recurse). */
  private static int arity(Condition c) {
    if (c instanceof All a) {
      return a.conditions().size();
    } else if (c instanceof Any a) {
      return a.conditions().size();
    } else if (c instanceof Not || c instanceof DealCondition || c instanceof AccountCondition) {
      return 1;
    }
    return -1;
  }

  /** Child {@code i} of a nesting node. */
  private static Condition child(Condition c, int i) {
    if (c instanceof All a) {
      return a.conditions().get(i);
    } else if (c instanceof Any a) {
      return a.conditions().get(i);
    } else if (c instanceof Not n) {
      return n.condition();
    } else if (c instanceof DealCondition d) {
      return d.where();
    }
    return ((AccountCondition) c).where();
  }

  /** Whether {@code o} is a tree equal to {@code tree}: same kinds, labels and leaves, in order. */
  static boolean equal(Condition tree, Object o) {
    return o instanceof Condition other && equal(tree, other, 0);
  }

  /** Equality by recursion for the first {@link #RECURSION} levels, then by an explicit stack. */
  private static boolean equal(Condition a, Condition b, int depth) {
    if (a == b) {
      return true; // a shared subtree
    }
    if (a.getClass() != b.getClass()) {
      return false;
    }
    int n = arity(a);
    if (n < 0) {
      return a.equals(b);
    }
    if (arity(b) != n || !Objects.equals(a.label(), b.label())) {
      return false;
    }
    if (depth == RECURSION) {
      return equalWithStack(a, b);
    }
    for (int i = 0; i < n; i++) {
      if (!equal(child(a, i), child(b, i), depth + 1)) {
        return false;
      }
    }
    return true;
  }

  private static boolean equalWithStack(Condition tree, Condition other) {
    Deque<Condition> pairs = new ArrayDeque<>(); // pushed and popped two at a time
    pairs.push(tree);
    pairs.push(other);
    while (!pairs.isEmpty()) {
      Condition b = pairs.pop();
      Condition a = pairs.pop();
      if (a == b) {
        continue;
      }
      if (a.getClass() != b.getClass()) {
        return false;
      }
      int n = arity(a);
      if (n < 0) {
        if (!a.equals(b)) {
          return false;
        }
        continue;
      }
      if (arity(b) != n || !Objects.equals(a.label(), b.label())) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        pairs.push(child(a, i));
        pairs.push(child(b, i));
      }
    }
    return true;
  }

  /**
   * The hash of the tree's nodes in pre-order: each nesting node's kind, label and number of
   * children, each leaf's own hash. Equal trees give the same sequence, so the same hash.
   */
  static int hash(Condition tree) {
    return hash(tree, 1, 0);
  }

  /**
   * {@code h} continued over {@code c}'s nodes in pre-order: by recursion for the first {@link
   * #RECURSION} levels, then by an explicit stack (the same sequence either way).
   */
  private static int hash(Condition c, int h, int depth) {
    int n = arity(c);
    if (n < 0) {
      return 31 * h + c.hashCode();
    }
    if (depth == RECURSION) {
      return hashWithStack(c, h);
    }
    h = node(h, c, n);
    for (int i = 0; i < n; i++) {
      h = hash(child(c, i), h, depth + 1);
    }
    return h;
  }

  private static int hashWithStack(Condition tree, int h) {
    Deque<Condition> todo = new ArrayDeque<>();
    todo.push(tree);
    while (!todo.isEmpty()) {
      Condition c = todo.pop();
      int n = arity(c);
      if (n < 0) {
        h = 31 * h + c.hashCode();
        continue;
      }
      h = node(h, c, n);
      for (int i = n - 1; i >= 0; i--) {
        todo.push(child(c, i));
      }
    }
    return h;
  }

  /** {@code h} continued over a nesting node with {@code n} children. */
  private static int node(int h, Condition c, int n) {
    h = 31 * h + c.getClass().getName().hashCode();
    h = 31 * h + Objects.hashCode(c.label());
    return 31 * h + n;
  }
}
