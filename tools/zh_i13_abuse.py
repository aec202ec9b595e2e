# zh-Hans for anti-abuse: rate limits, content limits, spam holds (issue 13).
# Plural entries are keyed by the singular msgid.
ZH = {
    # Rate limits (moderation/abuse/rates.py)
    "You have used your %(limit)d new topics per %(period)s.": "你已用完每%(period)s %(limit)d 个新主题的额度。",
    "You have used your %(limit)d answers and replies per %(period)s.": "你已用完每%(period)s %(limit)d 条回答和回复的额度。",
    "You have used your %(limit)d comments per %(period)s.": "你已用完每%(period)s %(limit)d 条评论的额度。",
    "You have used your %(limit)d votes per %(period)s.": "你已用完每%(period)s %(limit)d 次投票的额度。",
    "You have used your %(limit)d flags per %(period)s.": "你已用完每%(period)s %(limit)d 次举报的额度。",
    "You have used your %(limit)d messages per %(period)s.": "你已用完每%(period)s %(limit)d 条私信的额度。",
    "This address has used its %(limit)d new accounts per %(period)s.": "此地址已用完每%(period)s注册 %(limit)d 个新账号的额度。",
    "Please wait %(count)d second between posts.": "两次发帖之间请等待 %(count)d 秒。",
    "day": "天",
    "%d day": "%d 天",
    "hour": "小时",
    "%d hour": "%d 小时",
    "minute": "分钟",
    "%d minute": "%d 分钟",
    "%d second": "%d 秒",
    "Try again in %d hour.": "请在 %d 小时后再试。",
    "Try again in %d minute.": "请在 %d 分钟后再试。",
    "Try again in %d second.": "请在 %d 秒后再试。",
    # The 429 page (moderation/abuse/middleware.py, rate_limited.html)
    "Your text": "你的内容",
    "Slow down": "请慢一点",
    "Nothing you wrote was lost": "你写的内容没有丢失",
    "Your text is below. Send it again when the wait is over, or copy it somewhere safe.": "你的内容在下方。等待结束后可以再次发送，也可以先复制保存。",
    "Send again": "再次发送",
    "Go back": "返回",
    # New members' content limits (moderation/abuse/limits.py)
    "The limit lifts as you take part.": "随着你参与社区，这一限制会逐步放宽。",
    "New members may post at most %(limit)d link; you have %(count)d.": "新成员每帖最多可包含 %(limit)d 个链接；你的帖子有 %(count)d 个。",
    "New members may post at most %(limit)d image; you have %(count)d.": "新成员每帖最多可包含 %(limit)d 张图片；你的帖子有 %(count)d 张。",
    "You may mention at most %(limit)d person in a post; you have %(count)d.": "每帖最多可提及 %(limit)d 人；你的帖子提及了 %(count)d 人。",
    # Spam holds (moderation/abuse/spam.py)
    "Possible spam (score %(score).2f: %(rules)s).": "疑似垃圾内容（评分 %(score).2f：%(rules)s）。",
}
