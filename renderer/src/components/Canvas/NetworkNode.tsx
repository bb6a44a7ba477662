/**
 * One node on the canvas: kind, name, key setting, output shape, parameter count and, when
 * invalid, its problems in place. Memoised; everything it shows arrives in `data`.
 */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useLocale } from '../../i18n';
import { i18n } from '../../../../engine';
import { CATEGORY_COLORS, PORT_COLORS } from './portColors';

export interface NetworkNodeData extends Record<string, unknown> {
  kind: string;
  category: string;
  label?: string;
  summary?: string;
  outputShape?: string;
  paramCount?: number;
  errors: string[];
  warnings: string[];
  inputs: { id: string; type: string }[];
  outputs: { id: string; type: string }[];
}

export type NetworkNodeType = Node<NetworkNodeData, 'network'>;

function NetworkNodeView({ id, data, selected }: NodeProps<NetworkNodeType>) {
  const { locale, t } = useLocale();
  const title = i18n.nodeLabel(locale, data.kind);
  const invalid = data.errors.length > 0;
  const portTop = (i: number, n: number) => `${((i + 1) / (n + 1)) * 100}%`;
  return (
    <div
      className={`dw-node${selected ? ' selected' : ''}${invalid ? ' invalid' : ''}`}
      style={{ borderTopColor: CATEGORY_COLORS[data.category] }}
      data-testid={`node-${id}`}
      data-kind={data.kind}
      aria-label={`${title} ${data.label ?? id}`}
      title={[...data.errors, ...data.warnings].join('\n') || i18n.nodeHelp(locale, data.kind)}
    >
      {data.inputs.map((p, i) => (
        <Handle key={p.id} id={p.id} type="target" position={Position.Left} style={{ top: portTop(i, data.inputs.length), background: PORT_COLORS[p.type] }}
          aria-label={i18n.portLabel(locale, data.kind, p.id)} data-testid={`in-${id}-${p.id}`} />
      ))}
      <div className="dw-node-head">
        <span className="dw-node-kind">{title}</span>
        <span className="dw-node-name">{data.label ?? id}</span>
      </div>
      {data.summary && <div className="dw-node-summary">{data.summary}</div>}
      {(data.outputShape || data.paramCount !== undefined) && (
        <div className="dw-node-meta">
          {data.outputShape && <span data-testid={`shape-${id}`}>{data.outputShape}</span>}
          {data.paramCount !== undefined && <span>{t('node.params', { count: data.paramCount.toLocaleString(locale) })}</span>}
        </div>
      )}
      {invalid && <div className="dw-node-error" role="alert" data-testid={`error-${id}`}>{data.errors[0]}</div>}
      {data.outputs.map((p, i) => (
        <Handle key={p.id} id={p.id} type="source" position={Position.Right} style={{ top: portTop(i, data.outputs.length), background: PORT_COLORS[p.type] }}
          aria-label={i18n.portLabel(locale, data.kind, p.id)} data-testid={`out-${id}-${p.id}`} />
      ))}
    </div>
  );
}

export const NetworkNode = memo(NetworkNodeView);
