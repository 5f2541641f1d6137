// Charts (developers.google.com/apps-script/reference/charts): the builders the renderer uses, a DataTable,
// and Chart.getAs('image/png') drawing a REAL PNG (local/chartpng.ts). Only image/png is given, as the
// reference's examples use; any other type throws. Builders are local objects; getAs is the round trip.
import { argError, enumOf, Invocation, unwrap } from './core';
import { BlobImpl } from './services';
import { chartPng, type ChartData } from './chartpng';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Column { type: string; label: string }

class DataTableImpl {
  constructor(readonly _columns: Column[], readonly _rows: unknown[][]) {}
  getDataTable(): Any { return this; }
}

class DataTableBuilderImpl {
  _columns: Column[] = [];
  _rows: unknown[][] = [];
  constructor(private _inv: Invocation) {}
  addColumn(type: unknown, label: string): Any {
    const t = String(type);
    if (!['STRING', 'NUMBER', 'DATE'].includes(t)) throw new Error(`Invalid argument: type`);
    if (this._rows.length) throw new Error('Columns must be added before rows.'); // [the reference: "first specifying its columns, and then adding its rows"]
    this._columns.push({ type: t, label: label === undefined || label === null ? '' : String(label) });
    return this;
  }
  addRow(values: unknown[]): Any {
    if (!Array.isArray(values)) throw argError('Charts.DataTableBuilder', 'addRow');
    if (values.length !== this._columns.length) throw new Error(`Row has ${values.length} values but the data table has ${this._columns.length} columns.`);
    values.forEach((v, i) => {
      const t = this._columns[i].type;
      const ok = t === 'NUMBER' ? typeof v === 'number' : t === 'STRING' ? typeof v === 'string' : v instanceof Date;
      if (!ok && v !== null) throw new Error(`Invalid value in column ${i}: expected ${t}.`);
    });
    this._rows.push([...values]);
    return this;
  }
  setValue(row: number, column: number, value: unknown): Any {
    if (!this._rows[row] || column < 0 || column >= this._columns.length) throw new Error('Index out of bounds.');
    this._rows[row][column] = value;
    return this;
  }
  build(): Any {
    if (this._columns.length === 0) throw new Error('A data table needs at least one column.');
    return this._inv.wrap('DataTable', new DataTableImpl(this._columns.map((c) => ({ ...c })), this._rows.map((r) => [...r])));
  }
}

type ChartType = ChartData['type'];

/** The chart a PNG blob was drawn from (DocumentApp records it beside the image, for tests). */
export const chartOfBlob = new WeakMap<object, ChartData>();

class ChartBuilderImpl {
  _o: { title: string; xTitle: string; yTitle: string; width: number; height: number; colors: string[]; legend: ChartData['legend']; background: string; options: Record<string, unknown> } =
    { title: '', xTitle: '', yTitle: '', width: 600, height: 400, colors: [], legend: 'RIGHT', background: '#ffffff', options: {} };
  _table: DataTableImpl | null = null;
  constructor(private _inv: Invocation, private _type: ChartType) {}
  setDataTable(t: unknown): Any {
    const x = unwrap(t) as Any;
    if (x instanceof DataTableBuilderImpl) this._table = unwrap(x.build()) as DataTableImpl;
    else if (x instanceof DataTableImpl) this._table = x;
    else throw argError('Charts.ChartBuilder', 'setDataTable');
    return this;
  }
  setTitle(t: string): Any { this._o.title = String(t); return this; }
  setXAxisTitle(t: string): Any { this._o.xTitle = String(t); return this; }
  setYAxisTitle(t: string): Any { this._o.yTitle = String(t); return this; }
  setDimensions(w: number, h: number): Any {
    if (!Number.isInteger(w) || !Number.isInteger(h) || w <= 0 || h <= 0) throw new Error('Invalid argument: dimensions');
    this._o.width = w; this._o.height = h; return this;
  }
  setColors(c: string[]): Any { this._o.colors = c.map(String); return this; }
  setLegendPosition(p: unknown): Any { this._o.legend = String(p) as ChartData['legend']; return this; }
  setBackgroundColor(c: string): Any { this._o.background = String(c); return this; }
  setOption(k: string, v: unknown): Any { this._o.options[String(k)] = v; return this; }
  build(): Any {
    if (!this._table) throw new Error('The chart has no data: call setDataTable first.');
    const t = this._table;
    const data: ChartData = {
      type: this._type, title: this._o.title, xTitle: this._o.xTitle, yTitle: this._o.yTitle,
      width: this._o.width, height: this._o.height, colors: this._o.colors, legend: this._o.legend, background: this._o.background,
      categories: t._rows.map((r) => (r[0] instanceof Date ? r[0].toISOString().slice(0, 10) : String(r[0] ?? ''))),
      series: t._columns.slice(1).map((c, j) => ({ name: c.label, values: t._rows.map((r) => Number(r[j + 1] ?? 0)) })),
    };
    return this._inv.wrap('Chart', new ChartImpl(this._inv, data));
  }
}
class PieChartBuilderImpl extends ChartBuilderImpl {
  // PieChartBuilder has no axis titles (reference: charts/pie-chart-builder)
  override setXAxisTitle(): Any { throw new Error('local/: PieChartBuilder.setXAxisTitle does not exist'); }
  override setYAxisTitle(): Any { throw new Error('local/: PieChartBuilder.setYAxisTitle does not exist'); }
}

export class ChartImpl {
  constructor(private _inv: Invocation, readonly _data: ChartData) {}
  getAs(contentType: string): Any {
    if (String(contentType) !== 'image/png') throw new Error(`Blob object must have non-null content type for this operation: ${contentType} is not supported; use image/png.`);
    const blob = new BlobImpl(chartPng(this._data), 'image/png', null);
    chartOfBlob.set(blob, this._data);
    return this._inv.wrap('Blob', blob);
  }
  getBlob(): Any { return this.getAs('image/png'); }
  getOptions(): Any { return {}; }
}

export class ChartsImpl {
  ColumnType = enumOf('DATE', 'NUMBER', 'STRING');
  Position = enumOf('TOP', 'RIGHT', 'BOTTOM', 'NONE');
  ChartType = enumOf('AREA', 'BAR', 'COLUMN', 'LINE', 'PIE', 'SCATTER', 'TABLE');
  constructor(private _inv: Invocation) {}
  newDataTable(): Any { return this._inv.wrap('DataTableBuilder', new DataTableBuilderImpl(this._inv)); }
  newColumnChart(): Any { return this._inv.wrap('ColumnChartBuilder', new ChartBuilderImpl(this._inv, 'column')); }
  newBarChart(): Any { return this._inv.wrap('BarChartBuilder', new ChartBuilderImpl(this._inv, 'bar')); }
  newLineChart(): Any { return this._inv.wrap('LineChartBuilder', new ChartBuilderImpl(this._inv, 'line')); }
  newPieChart(): Any { return this._inv.wrap('PieChartBuilder', new PieChartBuilderImpl(this._inv, 'pie')); }
}
