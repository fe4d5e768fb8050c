import { Tag } from 'antd';
import { useI18n } from '../i18n';

/**
 * A risk grade as a tag. Ant Design's gold and green tags are 2.6:1 on their background (axe:
 * color-contrast); these darker texts are over 6:1.
 */
const STYLE = {
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  yellow: { color: '#6b4a00', background: '#fffbe6', borderColor: '#d4a017' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
} as const;

export function GradeTag({ grade, children }: { grade: 'red' | 'yellow' | 'green'; children?: React.ReactNode }) {
  const { label } = useI18n();
  return (
    <Tag style={STYLE[grade]}>
      {label('grade', grade)}
      {children}
    </Tag>
  );
}
