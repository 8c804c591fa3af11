#!/usr/bin/env python3
"""Writes the benchmark dataset through warroom's public formats only:
campaign definitions as YAML, metric values and feedback as CSV, which the
benchmark then imports with the normal commands. Seeded: the same scale
and seed give byte-identical files.

    gen.py OUTDIR [--scale full|small] [--seed N]

Full scale: 200 campaigns and 40,000 tasks. The flagship campaign
(bench-flagship) has 20,000 tasks and several thousand dependencies, the
1,000,000-message inbox and a 10,000-task subset written for taskwarrior;
a second one (bench-1k) has 1,000 tasks and 1,000 messages, so the same
keys can be timed at both sizes. 2,000,000 metric values spread over all
campaigns. Feedback is mostly Chinese; the term 快递 is in 10 % of it.
"""
import argparse
import json
import os
import random
import sys
import uuid
from datetime import date, datetime, timedelta

SCALES = {
    #            campaigns  flagship tasks, deps  1k tasks  all tasks  metric values  flagship fb  1k fb
    "full": dict(campaigns=200, big_tasks=20000, big_deps=5000, small_tasks=1000,
                 tasks=40000, values=2000000, big_feedback=1000000, small_feedback=1000,
                 tw_tasks=10000),
    "small": dict(campaigns=10, big_tasks=2000, big_deps=500, small_tasks=100,
                  tasks=3000, values=20000, big_feedback=10000, small_feedback=100,
                  tw_tasks=1000),
}

# The benchmark runs with this as today: the flagship is half way through.
TODAY = date(2025, 6, 30)
FLAGSHIP = "bench-flagship"
SMALL = "bench-1k"
METRICS = [
    # key, name, layer, unit, target, direction, aggregate
    ("gmv", "GMV", "result", "元", "3000万", "up", "sum"),
    ("impressions", "曝光量", "process", "次", "2亿", "up", "sum"),
    ("clicks", "点击量", "process", "次", "600万", "up", "sum"),
    ("orders", "订单数", "result", "单", "12万", "up", "sum"),
    ("new_members", "新增会员", "result", "人", "5万", "up", "sum"),
    ("spend", "投放花费", "auxiliary", "元", "500万", "down", "sum"),
    ("refund_rate", "退款率", "auxiliary", '"%"', "3%", "down", "last"),
    ("visits", "访问量", "process", "次", "800万", "up", "sum"),
    ("shares", "分享数", "process", "次", "30万", "up", "sum"),
    ("leads", "留资数", "process", "人", "8万", "up", "sum"),
]
FORMULAS = [
    ("ctr", "点击率", "process", '"%"', "clicks / impressions", "3%"),
    ("roi", "ROI", "result", "", "(gmv - spend) / spend", "4"),
]
STRATEGIES = ["内容种草", "渠道投放", "信任背书", "促销转化", "服务保障", "会员运营", "私域社群", "复盘"]
OWNERS = ["张经理", "李娜", "王强", "媒介", "设计", "客服主管", "刘洋", "陈静", "赵磊", "孙悦",
          "周杰", "吴敏", "郑浩", "Grace", "Ken"]
ACTIONS = ["种草笔记", "信息流投放", "直播排期", "KOL沟通", "详情页优化", "客服话术", "社群推送",
           "短信召回", "素材制作", "数据复盘", "优惠券配置", "赠品备货", "物流对接", "落地页改版",
           "达人寄样", "评论维护"]
CHANNELS_ZH = ["天猫评价", "京东评价", "小红书评论", "抖音评论", "客服工单", "NPS问卷", "小程序反馈",
               "电话回访", "微博评论", "售后问卷"]
CHANNELS_EN = ["Tmall review", "App review", "Email"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
# Phrases that never contain 快递, so the 10 % term has an exact share.
PRODUCT = ["保湿效果很好", "质地有点厚", "包装好看", "性价比一般", "用完有点油腻", "味道很淡",
           "成分安全", "功效明显", "瓶盖破损", "颜色和图片不一样", "吸收很快", "敏感肌也能用",
           "分量偏少", "气味有点重", "搭配精华用效果更好", "第二次回购了", "外观很高级",
           "容量比想象的小", "涂起来很顺滑", "过敏了起红疹"]
SERVICE = ["客服回复很及时", "物流太慢", "发货比较晚", "退款流程太慢", "售后态度很好",
           "客服说在催", "换货很顺利", "电话一直打不通", "包装破损要求补发", "等了一周才处理"]
RULES = ["优惠券规则看不懂", "满减力度不大", "赠品很多", "直播间价格更便宜", "积分不能抵扣",
         "活动时间太短", "预售定金不能退", "会员价没有生效"]
BRAND = ["老品牌了", "口碑一直不错", "朋友推荐来的", "广告太多", "明星代言很喜欢", "品牌理念认同"]
MOOD = ["很满意", "有点失望", "会推荐给朋友", "不会再买了", "还可以", "总体不错", "差评",
        "好评", "一般般", "期待改进", "太贵了", "划算"]
EXPRESS = ["快递三天还没到", "快递员态度很好", "快递包装很严实", "快递送错了地址", "顺丰快递很快",
           "快递盒子压坏了"]
ENGLISH = ["Very moisturising and the scent is subtle", "Refund took a week and support never replied",
           "Great value, will buy again", "The parcel arrived late", "Packaging was damaged",
           "Customer service was helpful", "Too greasy for oily skin", "Love the new formula"]


def yq(s):
    """Quotes a YAML scalar when it needs it."""
    if s == "" or any(c in s for c in ':#,[]{}"\'') or s[0] in "%@*&!|>-?":
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s


def cq(s):
    """Quotes a CSV cell when it needs it."""
    if any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


class Gen:
    def __init__(self, out, scale, seed):
        self.out = out
        self.p = SCALES[scale]
        self.rng = random.Random(seed)
        self.campaigns = []  # (key, start, end, n_tasks)

    def plan(self):
        p, rng = self.p, self.rng
        n = p["campaigns"]
        others = n - 2
        rest = p["tasks"] - p["big_tasks"] - p["small_tasks"]
        per, extra = divmod(rest, others)
        # The flagship runs the whole of 2025; the others are spread over
        # five years before it, each some 60 days long.
        self.campaigns.append((FLAGSHIP, date(2025, 1, 1), date(2025, 12, 31), p["big_tasks"]))
        self.campaigns.append((SMALL, date(2025, 3, 1), date(2025, 8, 31), p["small_tasks"]))
        first = date(2020, 1, 1)
        span = (date(2025, 3, 1) - first).days - 90
        for i in range(others):
            start = first + timedelta(days=span * i // max(1, others))
            self.campaigns.append((f"bench-{start.year}-{i:03d}", start, start + timedelta(days=60),
                                   per + (1 if i < extra else 0)))

    # ---- YAML ----------------------------------------------------------
    def tasks(self, key, start, end, n, deps):
        rng = self.rng
        days = (end - start).days + 60
        t0 = start - timedelta(days=30)
        out = []
        for i in range(n):
            s = t0 + timedelta(days=rng.randrange(days - 10))
            d = s + timedelta(days=rng.randrange(1, 21))
            st = s if s <= TODAY else None
            if d < TODAY:
                status = rng.choices(["done", "in-progress", "delayed", "not-started"], [80, 10, 6, 4])[0]
            elif s <= TODAY:
                status = rng.choice(["in-progress", "not-started", "done"])
            else:
                status = "not-started"
            progress = 100 if status == "done" else (rng.randrange(0, 100, 10) if st else 0)
            t = {
                "id": f"t{i + 1:05d}",
                "name": f"{rng.choice(STRATEGIES)}·{rng.choice(ACTIONS)}第{i + 1}批",
                "strategy": rng.choice(STRATEGIES),
                "owner": rng.choice(OWNERS),
                "start": s.isoformat(),
                "due": d.isoformat(),
                "status": status,
                "progress": progress,
            }
            if rng.random() < 0.3:
                t["deliverable"] = f"{rng.choice(ACTIONS)}交付{rng.randrange(1, 200)}份"
            if rng.random() < 0.02:
                t["milestone"] = "true"
            out.append(t)
        # Dependencies point backwards (no cycles), mostly to near tasks.
        pairs = set()
        while len(pairs) < min(deps, n * (n - 1) // 2):
            a = rng.randrange(1, n)
            b = max(0, a - 1 - int(rng.expovariate(1 / 30)))
            pairs.add((a, b))
        for a, b in sorted(pairs):
            out[a].setdefault("after", []).append(out[b]["id"])
        return out

    def write_campaign(self, idx, key, start, end, n_tasks):
        rng, p = self.rng, self.p
        deps = p["big_deps"] if key == FLAGSHIP else n_tasks // 4
        tasks = self.tasks(key, start, end, n_tasks, deps)
        L = []
        L.append(f"# warroom benchmark campaign {idx} (generated by tests/bench/gen.py)")
        L.append(f"id: {key}")
        L.append(f"name: {yq(f'{start.year}年第{idx}号营销活动')}")
        L.append(f"type: {rng.choice(['exposure', 'conversion', 'growth', 'channel-test'])}")
        L.append(f"owner: {rng.choice(OWNERS)}")
        L.append(f"start: {start}")
        L.append(f"end: {end}")
        L.append(f"budget: {rng.randrange(20, 900)}万")
        L.append("currency: CNY")
        L.append("channels: [小程序, 抖音, 小红书, 天猫旗舰店]")
        third = (end - start).days // 3
        ph = [("预热期", start, start + timedelta(days=third)),
              ("爆发期", start + timedelta(days=third + 1), start + timedelta(days=2 * third)),
              ("返场期", start + timedelta(days=2 * third + 1), end)]
        L.append("phases:")
        for name, a, b in ph:
            L.append(f"  - {{name: {name}, start: {a}, end: {b}}}")
        L.append("objectives:")
        L.append("  - {text: GMV达到目标, metric: gmv}")
        L.append("metrics:")
        for k, name, layer, unit, target, direction, agg in METRICS:
            u = f", unit: {unit}" if unit else ""
            L.append(f"  - {{key: {k}, name: {name}, layer: {layer}{u}, target: {target},"
                     f" direction: {direction}, aggregate: {agg}, warn: -10%, alert: -20%}}")
        for k, name, layer, unit, formula, target in FORMULAS:
            u = f", unit: {unit}" if unit else ""
            L.append(f"  - {{key: {k}, name: {name}, layer: {layer}{u}, formula: {formula},"
                     f" target: {target}}}")
        L.append("tasks:")
        for t in tasks:
            parts = []
            for f in ("id", "name", "strategy", "owner", "start", "due", "deliverable", "milestone",
                      "status", "progress"):
                if f in t:
                    v = t[f]
                    parts.append(f"{f}: {v if isinstance(v, int) else yq(v)}")
            if "after" in t:
                parts.append("after: [" + ", ".join(t["after"]) + "]")
            L.append("  - {" + ", ".join(parts) + "}")
        L.append("feedback_tags:")
        L.append("  product: [成分, 功效, 包装, 性价比, 质地, 保湿, 味道]")
        L.append("  service: [物流, 快递, 客服, 发货, 退款]")
        L.append("  rules: [满减, 优惠券, 赠品]")
        L.append("  brand: [品牌, 口碑]")
        L.append("feedback_words:")
        L.append("  positive: [好评, 满意, 喜欢, 推荐, 回购, 划算]")
        L.append("  negative: [差评, 失望, 延迟, 破损, 过敏, 贵, 油腻]")
        path = os.path.join(self.out, "campaigns", f"{key}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(L) + "\n")
        if key == FLAGSHIP:
            self.write_taskwarrior(tasks[: p["tw_tasks"]])

    def write_taskwarrior(self, tasks):
        """The first tasks of the flagship as a taskwarrior import, without
        dependencies (they make `task list` a hundred times slower, so this
        is the peer at its fastest)."""
        u = uuid.UUID(int=self.rng.getrandbits(128))
        with open(os.path.join(self.out, "taskwarrior.json"), "w", encoding="utf-8") as f:
            f.write("[\n")
            for i, t in enumerate(tasks):
                tid = uuid.UUID(int=(u.int + i) % (1 << 128), version=4)
                rec = {
                    "uuid": str(tid),
                    "description": t["name"],
                    "project": t["strategy"],
                    "status": "completed" if t["status"] == "done" else "pending",
                    "entry": t["start"].replace("-", "") + "T000000Z",
                    "due": t["due"].replace("-", "") + "T000000Z",
                    "tags": [t["owner"]] if t["owner"].isascii() else [],
                }
                if rec["status"] == "completed":
                    rec["end"] = rec["due"]
                f.write(json.dumps(rec, ensure_ascii=False) + (",\n" if i + 1 < len(tasks) else "\n"))
            f.write("]\n")

    # ---- CSV -----------------------------------------------------------
    def write_values(self):
        """campaign, metric, at, value, source: hourly values from each
        campaign's start, the same number for every recordable metric."""
        rng, p = self.rng, self.p
        per = p["values"] // (len(self.campaigns) * len(METRICS))
        left = p["values"] - per * len(self.campaigns) * len(METRICS)
        path = os.path.join(self.out, "metric-values.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("campaign,metric,at,value,source\n")
            for ci, (key, start, end, _) in enumerate(self.campaigns):
                n = per + (1 if ci < left // len(METRICS) else 0)
                t0 = datetime(start.year, start.month, start.day)
                for k, _, _, unit, _, _, _ in METRICS:
                    base = rng.uniform(100, 100000)
                    buf = []
                    for h in range(n):
                        at = t0 + timedelta(hours=h)
                        if k == "refund_rate":
                            v = f"{rng.uniform(1.5, 4.0):.2f}%"
                        else:
                            v = f"{base * rng.uniform(0.6, 1.4):.0f}"
                        buf.append(f"{key},{k},{at:%Y-%m-%d %H:%M},{v},后台\n")
                    f.write("".join(buf))
        return path

    def message(self):
        rng = self.rng
        if rng.random() < 0.08:
            parts = rng.sample(ENGLISH, rng.randrange(1, 3))
            return "English", ". ".join(parts) + "."
        k = rng.randrange(2, 5)
        pool = rng.choice([PRODUCT, PRODUCT, SERVICE, RULES, BRAND])
        parts = [rng.choice(pool) for _ in range(k - 1)] + [rng.choice(MOOD)]
        rng.shuffle(parts)
        return "中文", "，".join(parts)

    def write_feedback(self, key, n, start, path):
        """at, channel, customer, rating, text, newest last; one message in
        ten mentions 快递 (the benchmark's common search term)."""
        rng = self.rng
        end = min(TODAY, start + timedelta(days=365))
        secs = int((datetime(end.year, end.month, end.day) - datetime(start.year, start.month,
                                                                       start.day)).total_seconds())
        t0 = datetime(start.year, start.month, start.day)
        times = sorted(rng.randrange(secs) for _ in range(n))
        express = set(rng.sample(range(n), n // 10))
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("campaign,at,channel,customer,rating,text\n")
            buf = []
            for i in range(n):
                lang, text = self.message()
                if i in express:
                    text = rng.choice(EXPRESS) + "，" + text if lang == "中文" else \
                        text + " 快递 slow."
                ch = rng.choice(CHANNELS_EN) if lang == "English" else rng.choice(CHANNELS_ZH)
                cust = rng.choice(SURNAMES) + "**" if rng.random() < 0.7 else f"user{rng.randrange(10**6)}"
                rating = "" if rng.random() < 0.2 else (
                    str(rng.randrange(0, 11)) + "/10" if "NPS" in ch else str(rng.randrange(1, 6)))
                at = t0 + timedelta(seconds=times[i])
                buf.append(f"{key},{at:%Y-%m-%d %H:%M:%S},{cq(ch)},{cq(cust)},{rating},{cq(text)}\n")
                if len(buf) >= 10000:
                    f.write("".join(buf))
                    buf = []
            f.write("".join(buf))

    def run(self):
        os.makedirs(os.path.join(self.out, "campaigns"), exist_ok=True)
        self.plan()
        for i, (key, start, end, n) in enumerate(self.campaigns):
            self.write_campaign(i, key, start, end, n)
        self.write_values()
        big = self.campaigns[0]
        small = self.campaigns[1]
        self.write_feedback(small[0], self.p["small_feedback"], small[1],
                            os.path.join(self.out, "feedback-1k.csv"))
        self.write_feedback(big[0], self.p["big_feedback"], big[1],
                            os.path.join(self.out, "feedback.csv"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--scale", default="full", choices=sorted(SCALES))
    ap.add_argument("--seed", type=int, default=20250630)
    a = ap.parse_args()
    Gen(a.out, a.scale, a.seed).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
