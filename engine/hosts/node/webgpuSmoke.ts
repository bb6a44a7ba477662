/// <reference types="@webgpu/types" />
/**
 * A child process for webgpu.test.ts: gets a device through requestNodeGpu, runs one compute
 * shader (y = 2·x + 1 over 1000 values, workgroups of 64, the last one ragged) and prints the
 * adapter and the values read back as one JSON line. Run with the software-driver environment
 * the test sets; a line {"ok":false,...} when WebGPU is unavailable.
 */
import { requestNodeGpu } from './webgpu';

const gpu = await requestNodeGpu();
if (!gpu.ok) {
  console.log(JSON.stringify({ ok: false, key: gpu.key, message: gpu.message }));
  process.exit(0);
}
const { device } = gpu;
const n = 1000;
const input = Float32Array.from({ length: n }, (_, i) => i / 8 - 40);
const x = device.createBuffer({ size: n * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
const y = device.createBuffer({ size: n * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
const read = device.createBuffer({ size: n * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
device.queue.writeBuffer(x, 0, input);
const module = device.createShaderModule({
  code: `
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < arrayLength(&x)) { y[id.x] = 2.0 * x[id.x] + 1.0; }
}`,
});
const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
const bind = device.createBindGroup({
  layout: pipeline.getBindGroupLayout(0),
  entries: [{ binding: 0, resource: { buffer: x } }, { binding: 1, resource: { buffer: y } }],
});
const encoder = device.createCommandEncoder();
const pass = encoder.beginComputePass();
pass.setPipeline(pipeline);
pass.setBindGroup(0, bind);
pass.dispatchWorkgroups(Math.ceil(n / 64));
pass.end();
encoder.copyBufferToBuffer(y, 0, read, 0, n * 4);
device.queue.submit([encoder.finish()]);
await read.mapAsync(GPUMapMode.READ);
const out = Array.from(new Float32Array(read.getMappedRange().slice(0)));
console.log(JSON.stringify({ ok: true, adapter: gpu.adapterName, input: Array.from(input), out }));
gpu.release();
process.exit(0);
