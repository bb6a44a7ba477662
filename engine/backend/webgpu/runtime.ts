/// <reference types="@webgpu/types" />
/**
 * The WebGPU runtime every kernel goes through: pooled storage buffers, a pipeline per distinct
 * WGSL source, and one command encoder that collects dispatches until something must reach the
 * GPU (a read, an upload, or enough work queued). Kernels never wait: only `read` does, and it is
 * asynchronous.
 *
 * Ordering rules this relies on (WebGPU guarantees them):
 * - dispatches and copies recorded in one encoder run in order, each seeing the writes of those
 *   before it, so a buffer freed after its last use may be handed to a later dispatch at once;
 * - queue.writeBuffer runs before any command buffer submitted after it, so a buffer the pending
 *   encoder still uses is never written by writeBuffer: `upload` flushes first, and kernel
 *   parameters live in per-batch chunks written just before their batch is submitted.
 */
import { DeepWireError } from '../../core/errors';
import { msg, type Message } from '../../i18n/message';

/** WebGPU's usage and map-mode bits (the spec's values; the globals are absent in Node without `webgpu`'s). */
export const BufferUsage = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
const MAP_MODE_READ = 0x1;

/** The GPU memory behind one tensor. `bytes` is what the tensor uses; the buffer may be larger (pool bucket). */
export class GpuStorage {
  constructor(readonly buffer: GPUBuffer, readonly bytes: number) {}
}

/**
 * Raised when the GPU cannot go on: device lost, out of memory, a tensor larger than any buffer it
 * allows. The message is a catalogue message (`run.gpu.*`); the driver's own words stay a value.
 */
export class GpuError extends DeepWireError {
  constructor(readonly reason: 'lost' | 'out-of-memory' | 'too-large' | 'validation', message: string | Message) {
    super(message);
  }
}

/** Threads per workgroup of the 1-D kernels. */
export const WORKGROUP = 256;
/** WebGPU's portable limit on workgroups per dimension. */
const MAX_GROUPS = 65535;

/** Dispatch size for `threads` threads of `WORKGROUP` each: 1-D while it fits, else 2-D. */
export function grid(threads: number, workgroup = WORKGROUP): [number, number] {
  const groups = Math.max(1, Math.ceil(threads / workgroup));
  if (groups <= MAX_GROUPS) return [groups, 1];
  return [MAX_GROUPS, Math.ceil(groups / MAX_GROUPS)];
}

/**
 * WGSL for a 1-D kernel's linear thread index `i` under `grid`'s 2-D dispatch; the kernel
 * starts `@compute @workgroup_size(256) fn main(@builtin(global_invocation_id) gid: vec3u,
 * @builtin(num_workgroups) nwg: vec3u)` and computes `let i = linearIndex(gid, nwg);`.
 */
export const LINEAR_INDEX = /* wgsl */ `
fn linearIndex(gid: vec3u, nwg: vec3u) -> u32 { return gid.x + gid.y * nwg.x * ${WORKGROUP}u; }
`;

/** The parameters of one dispatch: u32 and f32 values in declaration order (WGSL reads them as u32, floats by bitcast). */
export type Params = readonly (number | { f32: number })[];

const PARAM_SLOT = 256; // minStorageBufferOffsetAlignment's portable maximum
const PARAM_CHUNK = 64 * 1024;
/** Dispatches recorded before the encoder is submitted anyway (keeps command buffers short). */
const MAX_PENDING = 256;
/** Bytes of free buffers the pool may keep before it destroys the largest. */
const POOL_LIMIT = 1 << 30;

interface ParamChunk {
  buffer: GPUBuffer;
  data: ArrayBuffer;
  used: number;
}

/** Rounds a byte size up to the pool's bucket: multiples of 256 B below 64 KiB, then of 1/16 of the power of two. */
export function bucketBytes(bytes: number): number {
  const b = Math.max(bytes, 4);
  if (b <= 65536) return Math.ceil(b / 256) * 256;
  const step = 2 ** (Math.floor(Math.log2(b)) - 4);
  return Math.ceil(b / step) * step;
}

export interface RuntimeStats {
  /** Buffers created since start (a steady training loop stops creating them). */
  created: number;
  /** Buffers handed out and not freed. */
  live: number;
  /** Free buffers held by the pool, and their bytes. */
  pooled: number;
  pooledBytes: number;
  /** Command buffers submitted. */
  submits: number;
  dispatches: number;
}

export class GpuRuntime {
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly pool = new Map<number, GPUBuffer[]>();
  private pooledBytes = 0;
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private pending = 0;
  private readonly freeChunks: ParamChunk[] = [];
  private readonly usedChunks: ParamChunk[] = [];
  private chunk: ParamChunk | null = null;
  private readonly staging: GPUBuffer[] = [];
  private failure: GpuError | null = null;
  readonly stats: RuntimeStats = { created: 0, live: 0, pooled: 0, pooledBytes: 0, submits: 0, dispatches: 0 };
  readonly maxBufferBytes: number;

  constructor(readonly device: GPUDevice, readonly adapterName: string) {
    this.maxBufferBytes = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    void device.lost.then((info) => {
      this.failure ??= new GpuError('lost', msg('run.gpu.lost', { adapter: adapterName, detail: info.message || info.reason }));
    });
    device.onuncapturederror = (event: GPUUncapturedErrorEvent) => {
      const error = event.error;
      if (this.failure) return;
      const oom = error.constructor?.name === 'GPUOutOfMemoryError' || /out of memory/i.test(error.message);
      this.failure = oom
        ? new GpuError('out-of-memory', msg('run.gpu.outOfMemory', { adapter: adapterName, detail: error.message }))
        : new GpuError('validation', msg('run.gpu.error', { adapter: adapterName, detail: error.message }));
    };
  }

  /** The error that stopped this device, if one did; every later call throws it. */
  get error(): GpuError | null {
    return this.failure;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  /** A storage buffer for `bytes` bytes, from the pool when one of its bucket is free. */
  alloc(bytes: number): GpuStorage {
    this.check();
    if (bytes > this.maxBufferBytes) {
      const mib = (bytes / 2 ** 20).toFixed(1);
      throw new GpuError('too-large', msg('run.gpu.tooLarge', { size: mib, adapter: this.adapterName, max: (this.maxBufferBytes / 2 ** 20).toFixed(0) }));
    }
    const size = bucketBytes(bytes);
    const list = this.pool.get(size);
    let buffer = list?.pop();
    if (buffer) {
      this.pooledBytes -= size;
      this.stats.pooled--;
    } else {
      buffer = this.device.createBuffer({ size, usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST });
      this.stats.created++;
    }
    this.stats.live++;
    this.stats.pooledBytes = this.pooledBytes;
    return new GpuStorage(buffer, bytes);
  }

  /** Returns a buffer to the pool (its last use may still be queued: see the ordering rules above). */
  release(storage: GpuStorage): void {
    const size = storage.buffer.size;
    this.stats.live--;
    if (this.pooledBytes + size > POOL_LIMIT) {
      // Recorded work may still use it: submit that first (destroying after submit is allowed).
      this.flush();
      storage.buffer.destroy();
      return;
    }
    let list = this.pool.get(size);
    if (!list) this.pool.set(size, (list = []));
    list.push(storage.buffer);
    this.pooledBytes += size;
    this.stats.pooled++;
    this.stats.pooledBytes = this.pooledBytes;
  }

  /** Copies host data into a new buffer. */
  upload(data: ArrayBufferView, bytes = data.byteLength): GpuStorage {
    const storage = this.alloc(bytes);
    if (bytes > 0) {
      this.flush();
      const padded = bytes % 4 === 0 ? bytes : bytes + 4 - (bytes % 4);
      if (padded === bytes) this.device.queue.writeBuffer(storage.buffer, 0, data.buffer, data.byteOffset, bytes);
      else {
        const copy = new Uint8Array(padded);
        copy.set(new Uint8Array(data.buffer, data.byteOffset, bytes));
        this.device.queue.writeBuffer(storage.buffer, 0, copy);
      }
    }
    return storage;
  }

  private pipeline(wgsl: string): GPUComputePipeline {
    let p = this.pipelines.get(wgsl);
    if (!p) {
      const module = this.device.createShaderModule({ code: wgsl });
      p = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
      this.pipelines.set(wgsl, p);
    }
    return p;
  }

  private currentPass(): GPUComputePassEncoder {
    if (!this.encoder) this.encoder = this.device.createCommandEncoder();
    if (!this.pass) this.pass = this.encoder.beginComputePass();
    return this.pass;
  }

  private commandEncoder(): GPUCommandEncoder {
    if (this.pass) {
      this.pass.end();
      this.pass = null;
    }
    if (!this.encoder) this.encoder = this.device.createCommandEncoder();
    return this.encoder;
  }

  /** Writes `params` into the current parameter chunk; returns where. */
  private writeParams(params: Params): { buffer: GPUBuffer; offset: number; size: number } {
    const size = Math.max(4, params.length * 4);
    const slots = Math.ceil(size / PARAM_SLOT) * PARAM_SLOT;
    if (slots > PARAM_CHUNK) throw new DeepWireError(`A kernel has ${params.length} parameters, more than a parameter chunk holds`);
    if (!this.chunk || this.chunk.used + slots > PARAM_CHUNK) {
      if (this.chunk) this.usedChunks.push(this.chunk);
      this.chunk = this.freeChunks.pop() ?? {
        buffer: this.device.createBuffer({ size: PARAM_CHUNK, usage: BufferUsage.STORAGE | BufferUsage.COPY_DST }),
        data: new ArrayBuffer(PARAM_CHUNK),
        used: 0,
      };
    }
    const offset = this.chunk.used;
    const u32 = new Uint32Array(this.chunk.data, offset, params.length);
    const f32 = new Float32Array(this.chunk.data, offset, params.length);
    params.forEach((p, i) => {
      if (typeof p === 'number') u32[i] = p;
      else f32[i] = p.f32;
    });
    this.chunk.used += slots;
    return { buffer: this.chunk.buffer, offset, size };
  }

  /**
   * Records one dispatch of the kernel `wgsl` (entry point `main`, bind group 0): binding 0 is
   * the parameter array (`var<storage, read> p: array<u32>`), bindings 1… the `buffers` in order.
   */
  dispatch(wgsl: string, buffers: readonly GpuStorage[], params: Params, groups: readonly [number, number?, number?]): void {
    this.check();
    const pipeline = this.pipeline(wgsl);
    const p = this.writeParams(params);
    const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: p.buffer, offset: p.offset, size: p.size } }];
    buffers.forEach((b, i) => entries.push({ binding: i + 1, resource: { buffer: b.buffer, size: Math.max(4, alignUp(b.bytes, 4)) } }));
    const bindGroup = this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
    const pass = this.currentPass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(groups[0], groups[1] ?? 1, groups[2] ?? 1);
    this.stats.dispatches++;
    if (++this.pending >= MAX_PENDING) this.flush();
  }

  /** Records a buffer-to-buffer copy (offsets and size in bytes, multiples of 4). */
  copy(src: GpuStorage, srcOffset: number, dst: GpuStorage, dstOffset: number, bytes: number): void {
    this.check();
    if (bytes === 0) return;
    this.commandEncoder().copyBufferToBuffer(src.buffer, srcOffset, dst.buffer, dstOffset, bytes);
    if (++this.pending >= MAX_PENDING) this.flush();
  }

  /** Submits everything recorded so far. */
  flush(): void {
    if (!this.encoder) return;
    if (this.pass) {
      this.pass.end();
      this.pass = null;
    }
    if (this.chunk) {
      this.usedChunks.push(this.chunk);
      this.chunk = null;
    }
    for (const c of this.usedChunks) this.device.queue.writeBuffer(c.buffer, 0, c.data, 0, c.used);
    this.device.queue.submit([this.encoder.finish()]);
    this.encoder = null;
    this.pending = 0;
    this.stats.submits++;
    // Later writeBuffer calls are queued after this submit, so the chunks may be refilled now.
    for (const c of this.usedChunks) {
      c.used = 0;
      this.freeChunks.push(c);
    }
    this.usedChunks.length = 0;
  }

  /** Copies `bytes` bytes of a buffer back to the host. */
  async read(storage: GpuStorage, bytes: number): Promise<ArrayBuffer> {
    this.check();
    if (bytes === 0) return new ArrayBuffer(0);
    const size = alignUp(bytes, 4);
    const stagingIndex = this.staging.findIndex((b) => b.size >= size && b.size <= 4 * size + 4096);
    const staging = stagingIndex >= 0
      ? this.staging.splice(stagingIndex, 1)[0]
      : this.device.createBuffer({ size: bucketBytes(size), usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
    this.commandEncoder().copyBufferToBuffer(storage.buffer, 0, staging, 0, size);
    this.flush();
    try {
      await staging.mapAsync(MAP_MODE_READ, 0, size);
    } catch (e) {
      this.check();
      throw new GpuError('validation', msg('run.gpu.readFailed', { adapter: this.adapterName, detail: e instanceof Error ? e.message : String(e) }));
    }
    const out = staging.getMappedRange(0, size).slice(0, bytes);
    staging.unmap();
    if (this.staging.length < 16) this.staging.push(staging);
    else staging.destroy();
    this.check();
    return out;
  }

  /** Waits until the GPU has finished everything submitted (benchmarks time with this). */
  async sync(): Promise<void> {
    this.flush();
    await this.device.queue.onSubmittedWorkDone();
    this.check();
  }

  /** Destroys pooled buffers (the device stays). */
  trim(): void {
    this.flush();
    for (const list of this.pool.values()) for (const b of list) b.destroy();
    this.pool.clear();
    this.pooledBytes = 0;
    this.stats.pooled = 0;
    this.stats.pooledBytes = 0;
  }
}

export const alignUp = (n: number, to: number) => Math.ceil(n / to) * to;
