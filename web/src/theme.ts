import type { ThemeConfig } from 'antd';

/**
 * The workbench's antd theme. Besides the office's blue, it darkens the colours antd's defaults
 * draw text in below WCAG 2.1 AA (4.5:1 for text under 18 px), which the browser tests check with
 * axe-core on every page they visit:
 * - secondary text (Typography secondary, Descriptions labels, empty-table text, hints) is 45 %
 *   black by default (3.4:1); 60 % black is 5.7:1 on white and 5.2:1 on the #f3f5f8 page;
 * - placeholders shown as text (a Select's 全部类别) are 25 % black (1.8:1); #737373 is 4.7:1;
 * - links (link buttons) are #1677ff (4.1:1); they take the office's blue (8.7:1);
 * - status and preset-colour tags write their text in the palette's 6th or 7th shade on its 1st
 *   (green 3.4:1, gold 2.8:1, orange 3.2:1, blue 4.1:1): darker shades are used (≥ 5:1);
 * - red (danger buttons, form errors, badges) #ff4d4f is 3.3:1; #cf1322 is 5.6:1.
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4f91',
    colorLink: '#1d4f91',
    borderRadius: 4,
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: '#737373',
    colorError: '#cf1322',
  },
  components: {
    Menu: { itemSelectedBg: '#e8f0fb', itemSelectedColor: '#1d4f91' },
    // A tag writes its text in its colour (status tags) or its colour's 7th shade (preset colours)
    // on a light tint: for tags alone, darker ones (deriving the whole palette from a darker seed
    // would darken the tints too).
    Tag: {
      colorSuccess: '#237804',
      colorInfo: '#0958d9',
      colorWarning: '#ad4e00',
      colorError: '#cf1322',
      green7: '#237804',
      orange7: '#ad4e00',
      gold7: '#874d00',
      cyan7: '#006d75',
      lime7: '#3f6600',
      volcano7: '#ad2102',
      magenta7: '#9e1068',
    },
  },
};
