#!/usr/bin/python3
"""PyTorch reference timings for the work `npm run bench` times in Node (issue: "the full default
TSC on the MNIST MLP in Node no slower than the same work in PyTorch on the same CPU; the CNN
within 3x of that").

Times, on this CPU, with the same shapes as the engine (src/engine/model/arch.ts, forward.ts):
  - one curve-fitting step: theta(t) = (1-t)^2 A + 2t(1-t) c + t^2 B, forward, CE + 0.5*1e-4*|theta(t)|^2,
    backward into c only, SGD momentum 0.9 with weight decay 5e-4 (src/engine/curve.ts, sgd.ts);
  - one 21-point curve evaluation on 2,000 clean + 1,800 triggered images (src/engine/evaluate.ts), done as
    the engine does it (src/engine/mixture-eval.ts): batches outside the points and, on the MLP, the first
    layer's x @ W of the three models once per batch, shared by every point.
  - the work of one full default TSC run on the MNIST MLP (src/engine/settings.ts TSC_DEFAULTS): 3 rounds
    of 2 stages, each 200 curve epochs of ceil(400/64) = 7 steps, then the fitted curve and the straight line
    evaluated at 21 points and the output on the test set; 10 epochs of inter-round fine-tuning (lr 1e-4)
    after each round; the test-set evaluations before and after and of each round's input and fine-tuned
    model. PERMUTELAYERS is not included (npm run bench times it separately, ~1 s per call on WASM).
Data are random tensors of the right shapes: the cost does not depend on the values.
Prints one block per thread count (1 = like tfjs WASM in Node, which runs on one thread; and
torch's default). Needs Debian's python3-torch: `apt-get install python3-torch`.
Usage: npm run bench:torch [-- --steps N] [--no-full]   (Debian's /usr/bin/python3, which python3-torch installs into)
"""
import json
import statistics
import sys
import time

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    sys.exit("PyTorch is missing: install Debian's package with `apt-get install -y python3-torch`, then run this again.")

try:
    from scipy.optimize import linear_sum_assignment
except ImportError:  # Debian's python3-scipy; see permute_layers
    linear_sum_assignment = None

STEPS = int(sys.argv[sys.argv.index("--steps") + 1]) if "--steps" in sys.argv else 50
BATCH = 64  # TSC_DEFAULTS.curveBatchSize
torch.manual_seed(0)
FORWARD_FLOPS = {
    "mlp": 2 * (784 * 256 + 256 * 256 + 256 * 10),
    "cnn": 2 * (28 * 28 * 9 * 16 + 14 * 14 * 9 * 16 * 32 + 1568 * 128 + 128 * 10),
}


def shapes(arch):
    if arch == "mlp":
        return [(784, 256), (256,), (256, 256), (256,), (256, 10), (10,)]
    # conv kernels in PyTorch's [out, in, kh, kw] layout; fc1 takes the 7*7*32 flatten
    return [(16, 1, 3, 3), (16,), (32, 16, 3, 3), (32,), (7 * 7 * 32, 128), (128,), (128, 10), (10,)]


def forward(arch, p, x, first=None):
    """Logits; `first`: the MLP's x @ W1 when it comes from mixing shared products (src/engine/model/first-layer-mix.ts)."""
    if arch == "mlp":
        h = F.relu((x @ p[0] if first is None else first) + p[1])
        h = F.relu(h @ p[2] + p[3])
        return h @ p[4] + p[5]
    img = x.view(-1, 1, 28, 28)
    h = F.max_pool2d(F.relu(F.conv2d(img, p[0], p[1], padding=1)), 2)
    h = F.max_pool2d(F.relu(F.conv2d(h, p[2], p[3], padding=1)), 2)
    h = F.relu(h.flatten(1) @ p[4] + p[5])
    return h @ p[6] + p[7]


def bezier(t):
    return (1 - t) ** 2, 2 * t * (1 - t), t * t


def evaluate_mixtures(arch, a, c, b, sets, coeffs):
    """Loss and accuracy of each model wa*a + wc*c + wb*b, (wa, wc, wb) in coeffs, as src/engine/mixture-eval.ts
    does it: batches of 1000 outside the points; on the MLP, x @ W1 of a, c and b once per batch, mixed per point
    (the CNN's conv1 is cheaper than that mixing, so it runs per point there)."""
    with torch.no_grad():
        models = [[wa * pa + wc * pc + wb * pb for pa, pc, pb in zip(a, c, b)] for wa, wc, wb in coeffs]
        for x, y in ((sets[0], sets[1]), (sets[2], sets[3])):
            for s in range(0, x.shape[0], 1000):
                xb, yb = x[s : s + 1000], y[s : s + 1000]
                products = [xb @ m[0] for m in (a, c, b)] if arch == "mlp" else None
                for w, theta in zip(coeffs, models):
                    first = None if products is None else w[0] * products[0] + w[1] * products[1] + w[2] * products[2]
                    logits = forward(arch, theta, xb, first)
                    F.cross_entropy(logits, yb, reduction="sum")
                    (logits.argmax(1) == yb).sum()


CURVE = [bezier(k / 20) for k in range(21)]
LINE = [(1 - k / 20, 0.0, k / 20) for k in range(21)]


def bench(arch):
    a = [torch.randn(s) * 0.05 for s in shapes(arch)]
    b = [torch.randn(s) * 0.05 for s in shapes(arch)]
    c = [((x + y) / 2).clone().requires_grad_(True) for x, y in zip(a, b)]
    opt = torch.optim.SGD(c, lr=0.02, momentum=0.9, weight_decay=5e-4)
    xs = torch.rand(STEPS + 5, BATCH, 784)
    ys = torch.randint(0, 10, (STEPS + 5, BATCH))
    gen = torch.Generator().manual_seed(1)

    def step(i):
        t = torch.rand(1, generator=gen).item()
        wa, wc, wb = (1 - t) ** 2, 2 * t * (1 - t), t * t
        theta = [wa * pa + wc * pc + wb * pb for pa, pc, pb in zip(a, c, b)]
        l2 = sum((p * p).sum() for p in theta)
        loss = F.cross_entropy(forward(arch, theta, xs[i]), ys[i]) + 0.5 * 1e-4 * l2
        opt.zero_grad()
        loss.backward()
        opt.step()

    for i in range(5):  # warm-up
        step(i)
    times = []
    for i in range(STEPS):
        t0 = time.perf_counter()
        step(i)
        times.append((time.perf_counter() - t0) * 1000)

    clean = torch.rand(2000, 784)
    poisoned = torch.rand(1800, 784)
    labels = torch.randint(0, 10, (2000,))
    target = torch.zeros(1800, dtype=torch.long)

    def curve_eval():
        evaluate_mixtures(arch, a, c, b, (clean, labels, poisoned, target), CURVE)

    with torch.no_grad():  # warm-up: one batch (a whole evaluation takes tens of seconds for the CNN)
        forward(arch, a, clean[:1000])
    t0 = time.perf_counter()
    curve_eval()
    return statistics.median(times), (time.perf_counter() - t0) * 1000


def permute_layers(arch, p, q, x, objective):
    """PERMUTELAYERS on the MLP's two hidden layers, as src/engine/permute/permute-layers.ts does it: pre-activations
    of p and q on D_c, their correlation, a linear assignment (max for align, min for un-align), q's units permuted.
    The CNN is not timed here. Without SciPy the assignment is a seeded random permutation (a 256×256 assignment takes
    milliseconds; the correlations around it are the same work)."""
    with torch.no_grad():
        q = [w.clone() for w in q]
        hp, hq = x, x
        for layer in (0, 2):
            zp, zq = hp @ p[layer] + p[layer + 1], hq @ q[layer] + q[layer + 1]
            zp_c, zq_c = zp - zp.mean(0), zq - zq.mean(0)
            corr = (zp_c.T @ zq_c) / (zp_c.norm(dim=0)[:, None] * zq_c.norm(dim=0)[None, :] + 1e-12)
            if linear_sum_assignment is None:
                perm = torch.randperm(corr.shape[0], generator=torch.Generator().manual_seed(layer))
            else:
                perm = torch.as_tensor(linear_sum_assignment(corr.numpy(), maximize=objective == "align")[1])
            q[layer], q[layer + 1] = q[layer][:, perm], q[layer + 1][perm]
            q[layer + 2] = q[layer + 2][perm, :]
            hp, hq = F.relu(zp), F.relu(hq @ q[layer] + q[layer + 1])
        return q


def full_default_tsc(arch="mlp", rounds=3, curve_epochs=200, clean=400, ft_epochs=10, evals=(2000, 1800), tests=(2000, 1800), points=21):
    """Seconds for the tensor work of one TSC run (see the module docstring); the defaults are TSC_DEFAULTS',
    the set sizes come from the caller (scripts/bench-torch.ts passes the ones the CLI's trace reports)."""
    model = [torch.randn(s) * 0.05 for s in shapes(arch)]
    data_x, data_y = torch.rand(clean, 784), torch.randint(0, 10, (clean,))
    evals = (torch.rand(evals[0], 784), torch.randint(0, 10, (evals[0],)), torch.rand(evals[1], 784), torch.zeros(evals[1], dtype=torch.long))
    test = (torch.rand(tests[0], 784), torch.randint(0, 10, (tests[0],)), torch.rand(tests[1], 784), torch.zeros(tests[1], dtype=torch.long))
    gen = torch.Generator().manual_seed(2)
    steps_per_epoch = -(-clean // BATCH)
    curve = [bezier(k / (points - 1)) for k in range(points)]
    line = [(1 - k / (points - 1), 0.0, k / (points - 1)) for k in range(points)]

    def evaluate(p, sets):
        with torch.no_grad():
            for x, y in ((sets[0], sets[1]), (sets[2], sets[3])):
                for s in range(0, x.shape[0], 1000):
                    logits = forward(arch, p, x[s : s + 1000])
                    F.cross_entropy(logits, y[s : s + 1000], reduction="sum")
                    (logits.argmax(1) == y[s : s + 1000]).sum()

    def point(a, c, b, t):
        wa, wc, wb = (1 - t) ** 2, 2 * t * (1 - t), t * t
        return [wa * pa + wc * pc + wb * pb for pa, pc, pb in zip(a, c, b)]

    def fit_curve(a, b):
        c = [((x + y) / 2).clone().requires_grad_(True) for x, y in zip(a, b)]
        opt = torch.optim.SGD(c, lr=0.02, momentum=0.9, weight_decay=5e-4)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=curve_epochs * steps_per_epoch)
        for _ in range(curve_epochs):
            order = torch.randperm(clean, generator=gen)
            for s in range(0, clean, BATCH):
                idx = order[s : s + BATCH]
                t = torch.rand(1, generator=gen).item()
                theta = point(a, c, b, t)
                loss = F.cross_entropy(forward(arch, theta, data_x[idx]), data_y[idx]) + 0.5 * 1e-4 * sum((p * p).sum() for p in theta)
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
        return [x.detach() for x in c]

    def finetune(p):
        p = [x.clone().requires_grad_(True) for x in p]
        opt = torch.optim.SGD(p, lr=1e-4, momentum=0.9, weight_decay=5e-4)
        for _ in range(ft_epochs):
            order = torch.randperm(clean, generator=gen)
            for s in range(0, clean, BATCH):
                idx = order[s : s + BATCH]
                loss = F.cross_entropy(forward(arch, p, data_x[idx]), data_y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
        return [x.detach() for x in p]

    t0 = time.perf_counter()
    evaluate(model, test)  # before
    for r in range(rounds):
        evaluate(model, test)  # the round's input
        # stage 1 connects the input to an un-aligned copy; stage 2 aligns the input to stage 1's output
        s1_partner = permute_layers(arch, model, model, data_x, "unalign")
        c = fit_curve(model, s1_partner)
        evaluate_mixtures(arch, model, c, s1_partner, evals, curve + line)
        out1 = point(model, c, s1_partner, 0.4)
        evaluate(out1, test)
        s2_start = permute_layers(arch, out1, model, data_x, "align")
        c = fit_curve(s2_start, out1)
        evaluate_mixtures(arch, s2_start, c, out1, evals, curve + line)
        model = point(s2_start, c, out1, 0.4)
        evaluate(model, test)
        if r < rounds - 1 and ft_epochs > 0:  # the last round is not fine-tuned (src/engine/defenses/tsc.ts)
            model = finetune(model)
            evaluate(model, test)
    evaluate(model, test)  # after
    return time.perf_counter() - t0


def tsc_only(argv):
    """`--tsc-json`: one run of full_default_tsc with the given sizes and thread count; prints {"seconds": s} (for scripts/bench-torch.ts)."""
    opt = lambda name, default: argv[argv.index(name) + 1] if name in argv else default
    pair = lambda text: tuple(int(v) for v in text.split(","))
    torch.set_num_threads(int(opt("--threads", "1")))
    seconds = full_default_tsc(
        rounds=int(opt("--rounds", "3")),
        curve_epochs=int(opt("--curve-epochs", "200")),
        clean=int(opt("--clean", "400")),
        ft_epochs=int(opt("--finetune-epochs", "10")),
        evals=pair(opt("--eval", "2000,1800")),
        tests=pair(opt("--test", "2000,1800")),
        points=int(opt("--points", "21")),
    )
    print(json.dumps({"seconds": seconds, "threads": torch.get_num_threads(), "torch": torch.__version__, "lap": "scipy" if linear_sum_assignment else "random permutation (no scipy)"}))


def main():
    print(f"PyTorch {torch.__version__} on this CPU; batch {BATCH}; median of {STEPS} steps after 5 warm-up steps")
    default_threads = torch.get_num_threads()
    for threads in sorted({1, default_threads}):
        torch.set_num_threads(threads)
        print(f"\n[torch, {threads} thread{'s' if threads > 1 else ''}]")
        for arch in ("mlp", "cnn"):
            step_ms, eval_ms = bench(arch)
            print(f"  {arch}: one curve step (batch {BATCH})".ljust(48) + f"{step_ms:.1f} ms")
            print(f"  {arch}: 21-point curve evaluation (2000 + 1800)".ljust(48) + f"{eval_ms:.0f} ms  (1 run)")
            flops = 21 * 3800 * FORWARD_FLOPS[arch]  # as scripts/bench.ts counts them
            print(f"  {arch}: 21-point curve evaluation throughput".ljust(48) + f"{flops / eval_ms / 1e6:.1f} GFLOP/s")
        if "--no-full" not in sys.argv:
            steps = 3 * 2 * 200 * 7
            print("  mlp: full default TSC run, same tensor work".ljust(48) + f"{full_default_tsc():.1f} s  ({steps} curve steps, 126 curve points, 14 test-set evaluations)")


def matmul_only(argv):
    """`--matmul-json --shapes MxKxN,...`: GFLOP/s of torch.mm on one thread per shape, median of 5 timed runs of
    enough products to last ~0.2 s each, after a warm-up, as scripts/bench-torch-matmul.ts times tf.matMul;
    prints {"gflops": [...]} (for scripts/bench-torch.ts --matmul)."""
    torch.set_num_threads(1)
    rates = []
    for text in argv[argv.index("--shapes") + 1].split(","):
        m, k, n = (int(v) for v in text.split("x"))
        a, b = torch.rand(m, k) * 2 - 1, torch.rand(k, n) * 2 - 1

        def timed(count):
            t0 = time.perf_counter()
            for _ in range(count):
                torch.mm(a, b)
            return time.perf_counter() - t0

        timed(2)
        count = max(1, round(0.2 / max(timed(1), 1e-6)))
        rates.append(statistics.median(count * 2 * m * k * n / timed(count) / 1e9 for _ in range(5)))
    print(json.dumps({"gflops": rates, "torch": torch.__version__, "threads": torch.get_num_threads()}))


if "--matmul-json" in sys.argv:
    matmul_only(sys.argv)
elif "--tsc-json" in sys.argv:
    tsc_only(sys.argv)
else:
    main()
