import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';

// Only what the pages draw: bars, lines and pies on a canvas, with ECharts' aria descriptions.
echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * An ECharts chart in ECharts' own language (ZH / EN, as the page), resized with its box. ECharts
 * describes the chart in an aria-label (the aria component), so a screen reader hears its data.
 */
export function Chart({ option, label, height = 320, testId }: { option: ChartOption; label: string; height?: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const { language } = useI18n();

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { locale: language === 'zh' ? 'ZH' : 'EN', renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [language]);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option, language]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} data-testid={testId} />;
}
