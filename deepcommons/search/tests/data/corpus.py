# ruff: noqa: E501  (data: long Chinese sentences)
"""Fixed relevance corpus: 60 posts (30 English, 30 Chinese) and one query per post.

Queries are phrased the way people search (a few words, not the title), and
the expected answer for each is the post whose key is given. Used by the
relevance test (recall@10 ≥ 0.8) and by bench/bench_search.py (MRR, recall@10).
"""

from __future__ import annotations

# key, kind, tags, title, body
POSTS: list[tuple[str, str, str, str, str]] = [
    (
        "nan-loss",
        "question",
        "pytorch",
        "Loss becomes NaN after a few hundred steps",
        "Training a transformer in PyTorch, the loss turns into nan after roughly 300 iterations. "
        "I use Adam with lr 1e-3 and fp16. Gradient clipping is off.",
    ),
    (
        "cuda-oom",
        "question",
        "pytorch,cuda",
        "CUDA out of memory when batch size is 64",
        "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB. The GPU has 12 GB. "
        "Batch size 32 works, 64 crashes during backward.",
    ),
    (
        "lr-warmup",
        "article",
        "optimization",
        "Why learning rate warmup stabilises transformer training",
        "Warmup linearly increases the learning rate over the first steps so Adam's second-moment "
        "estimates settle before large updates are applied.",
    ),
    (
        "bn-eval",
        "question",
        "pytorch",
        "Model gives different predictions in eval mode",
        "After calling model.eval() the accuracy drops a lot. Batch normalization running statistics "
        "seem wrong because my batches were tiny during training.",
    ),
    (
        "tokenizer-padding",
        "question",
        "huggingface,nlp",
        "Padding side for decoder-only tokenizer",
        "When generating with GPT-2 in batches the outputs are garbage. Should padding be on the left "
        "for decoder-only models? The attention mask looks right.",
    ),
    (
        "lora-rank",
        "tutorial",
        "llm,fine-tuning",
        "Fine-tuning Llama with LoRA on a single GPU",
        "Step by step: choose the LoRA rank and alpha, freeze the base weights, train adapters with "
        "bitsandbytes 4-bit quantization, and merge the adapters for inference.",
    ),
    (
        "vit-patches",
        "article",
        "computer-vision",
        "How Vision Transformers split images into patches",
        "A ViT cuts a 224x224 image into 16x16 patches, flattens each, projects it linearly and adds "
        "position embeddings before the encoder layers.",
    ),
    (
        "dataloader-workers",
        "question",
        "pytorch",
        "DataLoader hangs with num_workers greater than zero",
        "My training script freezes at the first epoch when num_workers=4 on Windows. With zero "
        "workers it runs but slowly. Multiprocessing spawn issue?",
    ),
    (
        "mixed-precision",
        "tutorial",
        "pytorch,performance",
        "Automatic mixed precision with torch.autocast",
        "Use autocast and GradScaler to train in float16: wrap the forward pass, scale the loss, "
        "unscale before clipping, and watch for overflow.",
    ),
    (
        "overfit-small",
        "question",
        "regularization",
        "Validation loss rises while training loss falls",
        "Classic overfitting on a small dataset of 2,000 images. I tried dropout 0.5. What else: "
        "weight decay, data augmentation, early stopping?",
    ),
    (
        "contrastive-temp",
        "article",
        "self-supervised",
        "The temperature parameter in contrastive loss",
        "InfoNCE divides similarities by a temperature; small values sharpen the softmax and focus on "
        "hard negatives, as SimCLR experiments show.",
    ),
    (
        "diffusion-steps",
        "question",
        "diffusion,generative",
        "Reducing sampling steps in diffusion models",
        "DDPM sampling with 1000 steps is too slow. Do DDIM or DPM-Solver let me sample in 20 steps "
        "without retraining the denoiser?",
    ),
    (
        "onnx-export",
        "question",
        "deployment,onnx",
        "Exporting a model with dynamic axes to ONNX",
        "torch.onnx.export fails with variable sequence length. How do I declare dynamic_axes for "
        "batch and sequence dimensions?",
    ),
    (
        "ddp-hang",
        "question",
        "distributed",
        "DistributedDataParallel hangs at the first all-reduce",
        "Using DDP on two nodes with NCCL the job hangs forever. NCCL_DEBUG shows nothing. Firewall "
        "ports and MASTER_ADDR are set.",
    ),
    (
        "rag-chunks",
        "article",
        "llm,rag",
        "Choosing chunk size for retrieval-augmented generation",
        "Chunks of 300 to 500 tokens with overlap balance recall and context length; evaluate with a "
        "labelled question set rather than intuition.",
    ),
    (
        "focal-loss",
        "question",
        "computer-vision,detection",
        "Class imbalance in object detection",
        "Background boxes dominate and the detector ignores rare classes. Is focal loss the fix, and "
        "how should gamma and alpha be set?",
    ),
    (
        "xgboost-vs-nn",
        "discussion",
        "tabular",
        "Do neural networks beat gradient boosting on tabular data?",
        "In my experience XGBoost and LightGBM still win on most tabular benchmarks. Has anyone had "
        "better results with TabNet or FT-Transformer?",
    ),
    (
        "quantize-int8",
        "tutorial",
        "deployment,quantization",
        "Post-training int8 quantization for CPU inference",
        "Calibrate activations with a few hundred samples, quantize weights per channel, and compare "
        "accuracy before and after on the validation set.",
    ),
    (
        "seed-repro",
        "question",
        "pytorch,reproducibility",
        "Results differ between runs even with a fixed seed",
        "I set torch.manual_seed, numpy and random seeds but accuracy still varies by one percent. "
        "cudnn.deterministic and benchmark flags?",
    ),
    (
        "embedding-dim",
        "question",
        "nlp,embeddings",
        "How to pick the embedding dimension for a vocabulary",
        "For a vocabulary of 50k words, is 300 dimensions enough? Rule of thumb is the fourth root of "
        "the vocabulary size times a constant.",
    ),
    (
        "grad-accum",
        "question",
        "pytorch,optimization",
        "Gradient accumulation gives worse results than a large batch",
        "Accumulating gradients over 8 micro-batches should equal batch 256, but the loss curve is "
        "different. Do I need to divide the loss by the accumulation steps?",
    ),
    (
        "attention-mask",
        "question",
        "transformers",
        "Causal attention mask shape error",
        "Getting a shape mismatch in scaled_dot_product_attention when passing a causal mask of "
        "shape (seq, seq) with batch-first queries.",
    ),
    (
        "kaggle-cv",
        "discussion",
        "competitions",
        "Trusting local cross-validation over the public leaderboard",
        "The public leaderboard shakes up every competition. Stratified k-fold CV that correlates "
        "with the private score matters more than leaderboard probing.",
    ),
    (
        "gan-collapse",
        "question",
        "gan,generative",
        "Generator produces the same image every time",
        "Mode collapse in my DCGAN after 10 epochs. The discriminator loss goes to zero. Should I try "
        "Wasserstein loss with gradient penalty?",
    ),
    (
        "rlhf-reward",
        "article",
        "llm,rlhf",
        "Reward hacking in RLHF and how to detect it",
        "A policy optimised with PPO against a learned reward model finds outputs the reward model "
        "overrates; KL penalties and held-out human evaluation catch it.",
    ),
    (
        "jax-jit",
        "question",
        "jax",
        "jax.jit recompiles on every call",
        "My function decorated with jit recompiles each time because an argument is a Python int "
        "that changes. static_argnums or pass arrays instead?",
    ),
    (
        "early-stopping",
        "tutorial",
        "training",
        "Implementing early stopping with patience",
        "Track the best validation metric, save a checkpoint when it improves, and stop after a "
        "number of epochs without improvement called patience.",
    ),
    (
        "label-smoothing",
        "question",
        "classification",
        "Does label smoothing hurt calibration?",
        "Label smoothing of 0.1 improved top-1 accuracy but the predicted probabilities look "
        "under-confident. Temperature scaling afterwards?",
    ),
    (
        "gpu-util-low",
        "question",
        "performance",
        "GPU utilisation stays at 30 percent",
        "nvidia-smi shows the GPU mostly idle. The data pipeline decodes JPEG images on the CPU. "
        "Would DALI or prefetching with pin_memory help?",
    ),
    (
        "knowledge-distill",
        "article",
        "compression",
        "Knowledge distillation from a large teacher",
        "Train a small student on the teacher's softened logits with a temperature, mixed with the "
        "hard-label loss; the student keeps most of the accuracy.",
    ),
    # Chinese
    (
        "zh-grad-vanish",
        "question",
        "rnn",
        "循环神经网络训练时梯度消失怎么办",
        "用 RNN 处理长序列，训练几轮之后梯度消失，前面的时间步几乎学不到东西。换成 LSTM 会好吗？",
    ),
    (
        "zh-oom",
        "question",
        "pytorch,cuda",
        "PyTorch 训练时显存不足",
        "批大小设为 64 时报 CUDA out of memory，显卡是 3090，24G 显存。已经用了 torch.no_grad 做验证。",
    ),
    (
        "zh-cnn-intro",
        "article",
        "computer-vision",
        "卷积神经网络入门：卷积层与池化层",
        "本文介绍卷积神经网络的基本结构：卷积层提取局部特征，池化层降低分辨率，全连接层完成分类。",
    ),
    (
        "zh-attention",
        "article",
        "transformers",
        "注意力机制详解",
        "从查询、键、值讲起，解释缩放点积注意力和多头注意力，以及自注意力为什么能捕捉长距离依赖。",
    ),
    (
        "zh-backprop",
        "tutorial",
        "basics",
        "手推反向传播算法",
        "用一个两层的全连接网络，手工推导反向传播的链式法则，并用 NumPy 实现梯度检查。",
    ),
    (
        "zh-overfit",
        "question",
        "regularization",
        "模型过拟合严重，验证集准确率很低",
        "训练集准确率 99%，验证集只有 70%。数据只有三千张图片。应该加数据增强还是正则化？",
    ),
    (
        "zh-lr",
        "question",
        "optimization",
        "学习率应该怎么设置",
        "用 Adam 优化器训练 ResNet，学习率设 0.01 损失震荡，设 0.0001 又收敛太慢。有没有学习率调度的经验？",
    ),
    (
        "zh-bert-finetune",
        "tutorial",
        "nlp,bert",
        "用 BERT 做中文文本分类的微调",
        "加载中文预训练模型，构建数据集和分词器，训练分类头，最后在测试集上评估准确率和召回率。",
    ),
    (
        "zh-detection",
        "question",
        "detection",
        "目标检测中小目标检测效果差",
        "用 YOLO 检测遥感图像里的小目标，召回率很低。是否应该调整锚框或者使用特征金字塔？",
    ),
    (
        "zh-distributed",
        "question",
        "distributed",
        "多机多卡分布式训练卡住不动",
        "用 torchrun 在两台机器上启动分布式训练，进程一直卡在初始化阶段，NCCL 没有报错。",
    ),
    (
        "zh-segmentation",
        "article",
        "computer-vision",
        "语义分割与实例分割的区别",
        "语义分割给每个像素分配类别，实例分割还要区分同一类别的不同个体，例如 Mask R-CNN。",
    ),
    (
        "zh-llm-hallucination",
        "discussion",
        "llm",
        "大模型幻觉问题有什么好的解决办法",
        "大语言模型经常编造事实。检索增强生成能缓解吗？大家在生产环境里是怎么做的？",
    ),
    (
        "zh-distill",
        "article",
        "compression",
        "知识蒸馏：让小模型学习大模型",
        "用教师模型的软标签训练学生模型，温度参数控制概率分布的平滑程度，实现模型压缩。",
    ),
    (
        "zh-batchnorm",
        "question",
        "pytorch",
        "批归一化在推理时结果不一致",
        "模型切换到 eval 模式后预测结果和训练时差别很大，是不是批归一化的统计量有问题？",
    ),
    (
        "zh-gan",
        "question",
        "gan",
        "生成对抗网络训练不稳定",
        "判别器太强，生成器的损失一直上升，生成的图片全是噪声。有什么稳定训练的技巧？",
    ),
    (
        "zh-word2vec",
        "article",
        "nlp,embeddings",
        "词向量与词嵌入的原理",
        "介绍 word2vec 的 skip-gram 和 CBOW 两种训练方式，以及负采样如何加速训练。",
    ),
    (
        "zh-rl",
        "tutorial",
        "reinforcement-learning",
        "强化学习入门：从 Q-learning 到 DQN",
        "讲解马尔可夫决策过程、价值函数、Q-learning 更新公式，以及经验回放和目标网络。",
    ),
    (
        "zh-quantization",
        "question",
        "deployment,quantization",
        "模型量化后精度下降太多",
        "把模型做 int8 量化部署到手机上，精度掉了五个点。是否需要量化感知训练？",
    ),
    (
        "zh-data-aug",
        "article",
        "computer-vision",
        "常用的数据增强方法汇总",
        "随机裁剪、翻转、颜色抖动、Mixup 和 CutMix，以及在小数据集上如何选择增强策略。",
    ),
    (
        "zh-transfer",
        "question",
        "transfer-learning",
        "迁移学习时应该冻结哪些层",
        "用 ImageNet 预训练的模型做医学影像分类，数据量很少。是冻结前面的卷积层只训练分类头吗？",
    ),
    (
        "zh-loss-fn",
        "question",
        "classification",
        "多分类问题应该用什么损失函数",
        "十个类别的图像分类，用交叉熵还是 Focal Loss？类别不平衡比较严重。",
    ),
    (
        "zh-activation",
        "article",
        "basics",
        "激活函数对比：ReLU、GELU 与 Sigmoid",
        "比较常见激活函数的梯度特性，解释 ReLU 为什么能缓解梯度消失，以及 GELU 在 Transformer 中的使用。",
    ),
    (
        "zh-gnn",
        "article",
        "graph",
        "图神经网络的消息传递机制",
        "图神经网络通过邻居节点之间的消息传递和聚合来更新节点表示，介绍 GCN 和 GAT 的区别。",
    ),
    (
        "zh-diffusion",
        "article",
        "diffusion,generative",
        "扩散模型原理通俗讲解",
        "前向过程逐步加噪，反向过程学习去噪，介绍 DDPM 的训练目标和采样过程。",
    ),
    (
        "zh-prompt",
        "discussion",
        "llm",
        "提示工程真的有用吗",
        "思维链提示能提升大模型的推理能力，但换个模型效果就不稳定。大家怎么看提示词工程？",
    ),
    (
        "zh-dataset-split",
        "question",
        "data",
        "训练集验证集测试集如何划分",
        "一万条数据，按八比一比一划分可以吗？时间序列数据是不是不能随机划分？",
    ),
    (
        "zh-inference-speed",
        "question",
        "deployment",
        "如何加快模型推理速度",
        "线上服务延迟太高，考虑用 TensorRT 或者 ONNX Runtime 做推理加速，还有什么办法？",
    ),
    (
        "zh-federated",
        "article",
        "privacy",
        "联邦学习中的隐私保护",
        "联邦学习让数据留在本地，只上传模型参数，再结合差分隐私防止梯度泄露。",
    ),
    (
        "zh-mixed-precision",
        "tutorial",
        "performance",
        "混合精度训练实践",
        "使用半精度浮点数训练可以节省显存并加速，需要注意损失缩放防止下溢。",
    ),
    (
        "zh-lstm-vs-transformer",
        "discussion",
        "nlp",
        "LSTM 还有必要学吗",
        "现在 Transformer 统治了自然语言处理，长短期记忆网络在时间序列任务里还有优势吗？",
    ),
]

# query, expected key
QUERIES: list[tuple[str, str]] = [
    ("loss nan transformer adam", "nan-loss"),
    ("cuda out of memory batch 64", "cuda-oom"),
    ("learning rate warmup", "lr-warmup"),
    ("eval mode accuracy drops batch normalization", "bn-eval"),
    ("gpt-2 padding left batch generation", "tokenizer-padding"),
    ("lora single gpu llama", "lora-rank"),
    ("vision transformer patches", "vit-patches"),
    ("dataloader num_workers freezes", "dataloader-workers"),
    ("autocast gradscaler float16", "mixed-precision"),
    ("validation loss increasing overfitting", "overfit-small"),
    ("infonce temperature", "contrastive-temp"),
    ("ddim fewer sampling steps", "diffusion-steps"),
    ("onnx dynamic axes export", "onnx-export"),
    ("DDP NCCL hangs", "ddp-hang"),
    ("chunk size retrieval augmented generation", "rag-chunks"),
    ("focal loss gamma imbalance", "focal-loss"),
    ("xgboost tabular neural networks", "xgboost-vs-nn"),
    ("int8 quantization cpu calibration", "quantize-int8"),
    ("fixed seed results differ", "seed-repro"),
    ("embedding dimension vocabulary", "embedding-dim"),
    ("gradient accumulation divide loss", "grad-accum"),
    ("causal mask scaled_dot_product_attention", "attention-mask"),
    ("leaderboard cross-validation", "kaggle-cv"),
    ("mode collapse dcgan", "gan-collapse"),
    ("reward hacking ppo", "rlhf-reward"),
    ("jit recompiles static_argnums", "jax-jit"),
    ("early stopping patience checkpoint", "early-stopping"),
    ("label smoothing calibration", "label-smoothing"),
    ("low gpu utilization data pipeline", "gpu-util-low"),
    ("distillation teacher student logits", "knowledge-distill"),
    ("梯度消失 循环神经网络", "zh-grad-vanish"),
    ("PyTorch 显存不足", "zh-oom"),
    ("卷积神经网络 池化层", "zh-cnn-intro"),
    ("多头注意力", "zh-attention"),
    ("反向传播 推导", "zh-backprop"),
    ("过拟合 验证集", "zh-overfit"),
    ("学习率 调度", "zh-lr"),
    ("BERT 中文文本分类", "zh-bert-finetune"),
    ("小目标检测", "zh-detection"),
    ("分布式训练 卡住", "zh-distributed"),
    ("实例分割 语义分割 区别", "zh-segmentation"),
    ("大模型 幻觉", "zh-llm-hallucination"),
    ("知识蒸馏 学生模型", "zh-distill"),
    ("批归一化 推理", "zh-batchnorm"),
    ("生成对抗网络 不稳定", "zh-gan"),
    ("word2vec 负采样", "zh-word2vec"),
    ("DQN 经验回放", "zh-rl"),
    ("量化 精度下降", "zh-quantization"),
    ("数据增强 Mixup", "zh-data-aug"),
    ("迁移学习 冻结", "zh-transfer"),
    ("多分类 损失函数", "zh-loss-fn"),
    ("激活函数 GELU", "zh-activation"),
    ("图神经网络 消息传递", "zh-gnn"),
    ("扩散模型 去噪", "zh-diffusion"),
    ("思维链 提示", "zh-prompt"),
    ("测试集 划分", "zh-dataset-split"),
    ("推理加速 TensorRT", "zh-inference-speed"),
    ("联邦学习 隐私", "zh-federated"),
    ("混合精度 显存", "zh-mixed-precision"),
    ("长短期记忆 时间序列", "zh-lstm-vs-transformer"),
]
