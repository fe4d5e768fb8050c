import { Tag } from 'antd';
import type { ReactNode } from 'react';

/**
 * A status as a tag whose text is dark enough on its background (WCAG AA, over 4.5:1): Ant Design's
 * green, orange and gold tags are about 3:1 (axe: color-contrast). Same idea as components/GradeTag.
 */
const TONES = {
  blue: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  orange: { color: '#7a3b00', background: '#fff7e6', borderColor: '#ffc069' },
  purple: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
  grey: { color: 'rgba(0, 0, 0, 0.78)', background: '#fafafa', borderColor: '#d9d9d9' },
} as const;
export type Tone = keyof typeof TONES;

export function ToneTag({ tone, children, ...rest }: { tone: Tone; children: ReactNode; 'data-testid'?: string }) {
  return (
    <Tag style={TONES[tone]} {...rest}>
      {children}
    </Tag>
  );
}
