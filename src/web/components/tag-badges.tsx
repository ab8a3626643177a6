import { Badge, Group } from '@mantine/core';
import type { BadgeVariant, MantineColor } from '@mantine/core';

/** Codes or tags (scopes, regions, rule ids) as a row of small badges, each shown as written. */
export function TagBadges({
  tags,
  color,
  variant = 'outline',
}: {
  tags: readonly string[];
  color?: MantineColor;
  variant?: BadgeVariant;
}) {
  return (
    <Group gap={4}>
      {tags.map((tag) => (
        <Badge key={tag} variant={variant} color={color} size="sm" tt="none">
          {tag}
        </Badge>
      ))}
    </Group>
  );
}
