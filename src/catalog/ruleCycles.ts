import { keysOf } from './rule.js';
import type { CatalogAchievement } from './catalogTypes.js';

/** The achievements one needs directly: those its rule and its prerequisites name. */
function needs(achievement: CatalogAchievement): string[] {
  return [achievement.rule, achievement.prerequisites].flatMap((rule) =>
    rule === undefined ? [] : keysOf(rule),
  );
}

/**
 * A cycle of achievements that need one another (a -> b -> a), as the keys along it with the
 * first repeated at the end; undefined when there is none. Such a tier could never be earned.
 */
export function findRuleCycle(achievements: readonly CatalogAchievement[]): string[] | undefined {
  const byKey = new Map(achievements.map((achievement) => [achievement.key, achievement]));
  const done = new Set<string>();
  for (const start of byKey.keys()) {
    if (done.has(start)) continue;
    // Depth first without recursion: each frame is a key and the needs still to visit.
    const path: string[] = [];
    const onPath = new Set<string>();
    const stack: Array<{ key: string; next: string[] }> = [];
    const enter = (key: string): void => {
      path.push(key);
      onPath.add(key);
      const achievement = byKey.get(key);
      stack.push({ key, next: achievement ? needs(achievement) : [] });
    };
    enter(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { key: string; next: string[] };
      const child = frame.next.shift();
      if (child === undefined) {
        stack.pop();
        path.pop();
        onPath.delete(frame.key);
        done.add(frame.key);
        continue;
      }
      if (onPath.has(child)) return [...path.slice(path.indexOf(child)), child];
      if (!done.has(child)) enter(child);
    }
  }
  return undefined;
}
