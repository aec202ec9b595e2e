"""Demo members: an administrator, a moderator and ~30 people in both languages."""

from __future__ import annotations

from typing import Any

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role, update_profile
from deepcommons.accounts.tests.factories import UserFactory

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "deepcommons-demo"

PEOPLE: list[dict[str, Any]] = [
    {
        "username": "li_wei",
        "display_name": "李伟",
        "location": "北京",
        "preferred_language": "zh-hans",
        "skills": ["PyTorch", "CUDA", "分布式训练"],
        "research_interests": ["大语言模型", "模型并行"],
        "bio": "在做 **大模型预训练** 的工程师。喜欢研究显存优化。",
        "github": "liwei-dl",
    },
    {
        "username": "zhang_min",
        "display_name": "张敏",
        "location": "上海",
        "preferred_language": "zh-hans",
        "skills": ["TensorFlow", "计算机视觉"],
        "research_interests": ["目标检测", "自监督学习"],
        "bio": "计算机视觉研究生，关注 *自监督学习*。",
    },
    {
        "username": "wang_fang",
        "display_name": "王芳",
        "location": "深圳",
        "preferred_language": "zh-hans",
        "skills": ["JAX", "强化学习"],
        "research_interests": ["强化学习", "机器人"],
    },
    {
        "username": "chen_jie",
        "display_name": "陈杰",
        "location": "杭州",
        "preferred_language": "zh-hans",
        "skills": ["MLOps", "Kubernetes"],
        "research_interests": ["模型部署"],
    },
    {
        "username": "liu_yang",
        "display_name": "刘洋",
        "location": "成都",
        "preferred_language": "zh-hans",
        "skills": ["NLP", "Transformers"],
        "research_interests": ["机器翻译", "注意力机制"],
    },
    {
        "username": "zhao_lei",
        "display_name": "赵磊",
        "location": "南京",
        "preferred_language": "zh-hans",
        "skills": ["推荐系统"],
        "research_interests": ["图神经网络"],
    },
    {
        "username": "sun_li",
        "display_name": "孙丽",
        "location": "武汉",
        "preferred_language": "zh-hans",
        "skills": ["语音识别"],
        "research_interests": ["端到端语音"],
    },
    {
        "username": "zhou_tao",
        "display_name": "周涛",
        "location": "西安",
        "preferred_language": "zh-hans",
        "skills": ["量化", "TensorRT"],
        "research_interests": ["模型压缩"],
    },
    {
        "username": "wu_xia",
        "display_name": "吴霞",
        "location": "广州",
        "preferred_language": "zh-hans",
        "skills": ["扩散模型"],
        "research_interests": ["图像生成"],
    },
    {
        "username": "huang_bo",
        "display_name": "黄波",
        "location": "苏州",
        "preferred_language": "zh-hans",
        "skills": ["数据工程"],
        "research_interests": ["数据集构建"],
    },
    {
        "username": "lin_yu",
        "display_name": "林宇",
        "location": "台北",
        "preferred_language": "zh-hans",
        "skills": ["医学影像"],
        "research_interests": ["分割"],
    },
    {
        "username": "he_jing",
        "display_name": "何静",
        "location": "天津",
        "preferred_language": "zh-hans",
        "skills": ["联邦学习"],
        "research_interests": ["隐私计算"],
    },
    {
        "username": "gao_feng",
        "display_name": "高峰",
        "location": "合肥",
        "preferred_language": "zh-hans",
        "skills": ["AutoML"],
        "research_interests": ["神经架构搜索"],
    },
    {
        "username": "ma_lin",
        "display_name": "马琳",
        "location": "长沙",
        "preferred_language": "zh-hans",
        "skills": ["多模态"],
        "research_interests": ["视觉语言模型"],
    },
    {
        "username": "ada_l",
        "display_name": "Ada Lovelace",
        "location": "London",
        "preferred_language": "en",
        "skills": ["PyTorch", "Optimization"],
        "research_interests": ["optimizers", "learning-rate schedules"],
        "bio": "Writes about **optimizers** and training stability. $\\eta_t$ enthusiast.",
        "orcid": "0000-0002-1825-0097",
        "website": "https://example.org/ada",
    },
    {
        "username": "alan_t",
        "display_name": "Alan Turing",
        "location": "Manchester",
        "preferred_language": "en",
        "skills": ["Theory", "JAX"],
        "research_interests": ["computability", "morphogenesis"],
    },
    {
        "username": "grace_h",
        "display_name": "Grace Hopper",
        "location": "Arlington",
        "preferred_language": "en",
        "skills": ["Compilers", "Triton"],
        "research_interests": ["GPU kernels"],
    },
    {
        "username": "yann_l",
        "display_name": "Yann L.",
        "location": "Paris",
        "preferred_language": "en",
        "skills": ["CNNs", "Self-supervised learning"],
        "research_interests": ["world models"],
    },
    {
        "username": "fei_fei",
        "display_name": "Fei-Fei",
        "location": "Stanford",
        "preferred_language": "en",
        "skills": ["Datasets", "Vision"],
        "research_interests": ["visual recognition"],
    },
    {
        "username": "andrej_k",
        "display_name": "Andrej K.",
        "location": "San Francisco",
        "preferred_language": "en",
        "skills": ["Transformers", "Education"],
        "research_interests": ["LLMs", "tokenization"],
    },
    {
        "username": "sara_h",
        "display_name": "Sara Hooker",
        "location": "Toronto",
        "preferred_language": "en",
        "skills": ["Model compression"],
        "research_interests": ["efficiency", "fairness"],
    },
    {
        "username": "tim_d",
        "display_name": "Tim Dettmers",
        "location": "Seattle",
        "preferred_language": "en",
        "skills": ["Quantization", "CUDA"],
        "research_interests": ["8-bit optimizers"],
    },
    {
        "username": "chris_o",
        "display_name": "Chris Olah",
        "location": "San Francisco",
        "preferred_language": "en",
        "skills": ["Interpretability"],
        "research_interests": ["circuits"],
    },
    {
        "username": "jeremy_h",
        "display_name": "Jeremy H.",
        "location": "Brisbane",
        "preferred_language": "en",
        "skills": ["fastai", "Teaching"],
        "research_interests": ["transfer learning"],
    },
    {
        "username": "rachel_t",
        "display_name": "Rachel T.",
        "location": "Austin",
        "preferred_language": "en",
        "skills": ["Ethics", "NLP"],
        "research_interests": ["data ethics"],
    },
    {
        "username": "ian_g",
        "display_name": "Ian G.",
        "location": "Mountain View",
        "preferred_language": "en",
        "skills": ["GANs"],
        "research_interests": ["adversarial examples"],
    },
    {
        "username": "joelle_p",
        "display_name": "Joelle P.",
        "location": "Montreal",
        "preferred_language": "en",
        "skills": ["RL", "Reproducibility"],
        "research_interests": ["dialogue systems"],
    },
    {
        "username": "demis_h",
        "display_name": "Demis H.",
        "location": "London",
        "preferred_language": "en",
        "skills": ["RL", "Games"],
        "research_interests": ["protein folding"],
    },
    {
        "username": "kaiming_h",
        "display_name": "Kaiming H.",
        "location": "Cambridge MA",
        "preferred_language": "en",
        "skills": ["ResNets", "Vision"],
        "research_interests": ["representation learning"],
    },
    {
        "username": "oriol_v",
        "display_name": "Oriol V.",
        "location": "London",
        "preferred_language": "en",
        "skills": ["Seq2seq"],
        "research_interests": ["speech synthesis"],
    },
]


def _make_user(username: str, **fields: Any) -> User:
    # The test factory makes a member the way signup does (Members group, a
    # verified primary email); on a rebuild it finds the existing account.
    user = UserFactory.create(
        username=username,
        email=f"{username}@demo.deepcommons.invalid",
        display_name=fields.get("display_name", username),
        password=ADMIN_PASSWORD,
    )
    update_profile(user=user, data=fields)
    return user


# One demo member runs the operations console (`/ops/`).
OPERATOR_INDEX = 5


def build(stdout: Any) -> None:
    admin = _make_user(
        ADMIN_USERNAME, display_name="DeepCommons Admin", bio="I run this demo community."
    )
    set_role(user=admin, role="administrator")
    for index, person in enumerate(PEOPLE):
        data = dict(person)
        user = _make_user(data.pop("username"), **data)
        if index in (0, 14):
            set_role(user=user, role="moderator")
        elif index == OPERATOR_INDEX:
            set_role(user=user, role="operator")
    stdout.write(f"  {len(PEOPLE) + 1} members")


def login_note() -> str:
    """The logins to print after `manage.py demo` (core.demo note)."""
    return (
        f"admin login: {ADMIN_USERNAME} / {ADMIN_PASSWORD}  (staff; /admin/)\n"
        f"every demo member's password is the same, e.g. li_wei / {ADMIN_PASSWORD}\n"
        f"operator (the /ops/ console): {PEOPLE[OPERATOR_INDEX]['username']} / {ADMIN_PASSWORD}"
    )
