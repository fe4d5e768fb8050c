import type { ThemeConfig } from 'antd';

/**
 * The federation's red, and text greys dark enough for WCAG AA contrast (4.5:1) on white:
 * Ant Design's default secondary text (45 % black) is 3.4:1.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b7202e',
    colorLink: '#a01c28',
    // Darker, not lighter, under the pointer: the default hover colour is under 4.5:1 on white.
    colorLinkHover: '#7a1520',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // Ant Design's error red (#ff4d4f: danger buttons, a field's error) is 3.3:1 on white; this is 6.3:1.
    colorError: '#b91c1c',
    borderRadius: 6,
    fontSize: 16,
  },
  components: {
    // An empty table says so in "disabled" grey (25 % black, 1.9:1): text people must read.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.62)' },
  },
};
